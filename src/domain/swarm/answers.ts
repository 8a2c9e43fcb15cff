/**
 * What the swarm's LLM calls answer, as forced tool calls validated here: the planner's plan,
 * the fixer's replacement for a failed part, the merger's composed deliverable. Each schema is
 * both the validator and (through z.toJSONSchema) the tool's input schema, so the two never
 * drift. Anything that does not parse is no answer.
 */
import { z } from "zod";
import { DELIVERABLE_CONTENT_LENGTH, DESCRIPTION_LENGTH, MIN_TASK_BUDGET, TITLE_LENGTH } from "../constants";

/** A plan has at most this many parts; each part at most this many acceptance criteria. */
export const MAX_PLAN_PARTS = 8;
export const MAX_CRITERIA = 10;

const partWork = {
  title: z.string().trim().min(TITLE_LENGTH.min).max(TITLE_LENGTH.max),
  description: z.string().trim().min(DESCRIPTION_LENGTH.min).max(DESCRIPTION_LENGTH.max),
  acceptance_criteria: z.array(z.string().trim().min(1).max(500)).min(1).max(MAX_CRITERIA),
  budget_credits: z.number().int().min(MIN_TASK_BUDGET),
};

export const PlannedPartSchema = z
  .object({
    /** Short and unique within the plan; `depends_on` names other parts by it. */
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,31}$/)
      .describe("lowercase letters, digits and dashes, unique in the plan"),
    ...partWork,
    depends_on: z.array(z.string()).max(MAX_PLAN_PARTS).describe("keys of parts whose results this part needs first"),
  })
  .strict();
export type PlannedPart = z.infer<typeof PlannedPartSchema>;

export const PlanAnswerSchema = z
  .object({
    feasible: z.boolean().describe("false when the task cannot be split and done within the budget"),
    reason: z.string().max(1000).describe("why the plan is shaped so, or why it is not feasible"),
    parts: z.array(PlannedPartSchema).max(MAX_PLAN_PARTS),
  })
  .strict();
export type PlanAnswer = z.infer<typeof PlanAnswerSchema>;

export const FixAnswerSchema = z
  .object({
    feasible: z.boolean().describe("false when the failed part cannot be redone within the budget left"),
    reason: z.string().max(1000),
    part: z.object(partWork).strict().nullable().describe("the replacement part, or null when not feasible"),
  })
  .strict();
export type FixAnswer = z.infer<typeof FixAnswerSchema>;

export const MergeAnswerSchema = z
  .object({ content: z.string().trim().min(DELIVERABLE_CONTENT_LENGTH.min).max(DELIVERABLE_CONTENT_LENGTH.max) })
  .strict();
export type MergeAnswer = z.infer<typeof MergeAnswerSchema>;

export const SWARM_CALL_KINDS = ["plan", "fix", "merge"] as const;
export type SwarmCallKind = (typeof SWARM_CALL_KINDS)[number];

/** The forced tool each kind of call answers with. */
export const SWARM_TOOLS = {
  plan: {
    name: "submit_plan",
    description: "Record the plan: the parts of the task, their budgets and dependencies.",
    schema: PlanAnswerSchema,
  },
  fix: {
    name: "submit_fix",
    description: "Record the replacement for the failed part, or that none is feasible.",
    schema: FixAnswerSchema,
  },
  merge: {
    name: "submit_merge",
    description: "Record the task's deliverable composed from its parts' results.",
    schema: MergeAnswerSchema,
  },
} as const satisfies Record<SwarmCallKind, { name: string; description: string; schema: z.ZodType }>;

/** A tool's JSON Schema, without `$schema` (tool APIs refuse it). */
export function toolInputSchema(kind: SwarmCallKind): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(SWARM_TOOLS[kind].schema, { target: "draft-7" });
  return schema;
}

/** The answer parsed, or why it is not one. */
export function readAnswer<K extends SwarmCallKind>(
  kind: K,
  answer: unknown,
): { ok: true; value: z.infer<(typeof SWARM_TOOLS)[K]["schema"]> } | { ok: false; reason: string } {
  const parsed = SWARM_TOOLS[kind].schema.safeParse(answer);
  if (parsed.success) return { ok: true, value: parsed.data as z.infer<(typeof SWARM_TOOLS)[K]["schema"]> };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    reason: `the ${kind} answer is not valid: ${issue ? `${issue.path.join(".") || "answer"}: ${issue.message}` : "unknown"}`,
  };
}
