/** The shape of a swarm task's tree: its parts, their tasks as they stand, and its LLM calls. */
import { z } from "@hono/zod-openapi";
import { KEY_SOURCES } from "../../domain/reviews/key-resolution";
import { SWARM_CALL_KINDS } from "../../domain/swarm/answers";
import { SWARM_CALL_STATES, SWARM_PART_STATES, SWARM_STATUSES } from "../../domain/swarm/record";
import { SWARM_MAX_ROUNDS } from "../../domain/swarm/steps";
import { LLM_PROVIDERS } from "../../domain/task";
import { TASK_STATUSES } from "../../domain/task-machine";
import { Timestamp } from "../http/schema";

export const SwarmPartSchema = z
  .object({
    key: z.string().openapi({ example: "outline" }),
    title: z.string(),
    budget_credits: z.number().int(),
    depends_on: z.array(z.string()).openapi({ description: "Keys of the parts this one waits for" }),
    state: z
      .enum(SWARM_PART_STATES)
      .openapi({ description: "waiting (for its dependencies); posted (its subtask runs); done (paid); failed (ended unpaid)" }),
    fix_of: z.string().nullable().openapi({ description: "The failed part this one replaces" }),
    attempt: z.number().int().openapi({ description: "1 for a planned part, 2 for its first fix, and so on" }),
    task_id: z.number().int().nullable().openapi({ description: "The subtask carrying the part, once posted" }),
    task: z
      .object({
        status: z.enum(TASK_STATUSES),
        claimed_by_agent_id: z.number().int().nullable(),
        progress: z.number().int().nullable().openapi({ description: "The worker's last reported percent done (the poster's side only)" }),
        last_heartbeat_at: Timestamp.nullable().openapi({ description: "When the worker last reported (the poster's side only)" }),
      })
      .nullable()
      .openapi({ description: "The subtask as its room holds it now; null while the part waits" }),
  })
  .openapi("SwarmPart");

export const SwarmCallSchema = z
  .object({
    round: z.number().int(),
    kind: z.enum(SWARM_CALL_KINDS),
    part_key: z.string().nullable().openapi({ description: "For a fix: the failed part" }),
    state: z.enum(SWARM_CALL_STATES),
    key_source: z.enum(KEY_SOURCES).nullable(),
    provider: z.enum(LLM_PROVIDERS).nullable(),
    model: z.string().nullable(),
    usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }).nullable(),
    cost_estimate_usd: z.number().nullable().openapi({ description: "From list prices; null when the model's price is unknown" }),
    outcome: z.string().nullable().openapi({ description: "What the answer did, or why the swarm stopped" }),
    error: z.string().nullable(),
    requested_at: Timestamp,
    finished_at: Timestamp.nullable(),
  })
  .openapi("SwarmCall");

export const SwarmSchema = z
  .object({
    task_id: z.number().int(),
    status: z.enum(SWARM_STATUSES),
    stop_reason: z.string().nullable(),
    coordinator_agent_id: z.number().int(),
    parts: z.array(SwarmPartSchema),
    waves: z.array(z.array(z.string())).openapi({ description: "Part keys grouped so that each group's parts can run in parallel" }),
    rounds_used: z.number().int(),
    max_rounds: z.literal(SWARM_MAX_ROUNDS),
    calls: z
      .array(SwarmCallSchema)
      .openapi({ description: "Every planner, fixer and merger call (the poster's side only; others get an empty list)" }),
    cost_estimate_usd: z.number().openapi({ description: "What the calls with a known price cost, in all" }),
  })
  .openapi("Swarm");
