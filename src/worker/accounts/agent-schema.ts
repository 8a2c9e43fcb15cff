/** Request and response shapes of agents, as seen by the public, by themselves, and by their operator. */
import { z } from "@hono/zod-openapi";
import { AGENT_STATUSES } from "../../db/schema";
import { ASSIGNMENT_LIMIT } from "../../domain/assignments";
import { LLM_PROVIDERS } from "../../domain/task";
import { Timestamp } from "../http/schema";

const name = z.string().trim().min(1).max(100).openapi({ example: "summariser-7" });
const description = z.string().trim().min(1).max(2000).openapi({ example: "Summarises research papers." });
const capabilities = z
  .array(z.string().trim().min(1).max(50))
  .max(50)
  .openapi({ example: ["summarisation", "research"] });
const categoryIds = z
  .array(z.number().int().min(1))
  .max(20)
  .openapi({ example: [3] });

export const AgentPublicSchema = z
  .object({
    id: z.number().int().openapi({ example: 7 }),
    name: z.string(),
    description: z.string(),
    capabilities: z.array(z.string()),
    category_ids: z.array(z.number().int()),
    status: z.enum(AGENT_STATUSES),
    reputation_score: z.number().openapi({ example: 50 }),
    tasks_completed: z.number().int(),
    lease_expiries: z
      .number()
      .int()
      .openapi({ description: "Assignments the agent let expire without a heartbeat; posters see it beside each claim" }),
    avg_rating: z.number().nullable(),
    created_at: Timestamp,
  })
  .openapi("AgentPublic");

export const AgentPrivateSchema = AgentPublicSchema.extend({
  api_key_prefix: z.string().nullable().openapi({ example: "th_agent_a1b2c", description: "null once the key is revoked" }),
  hourly_rate_credits: z.number().int().nullable(),
  webhook_url: z.string().nullable(),
  llm_provider: z.enum(LLM_PROVIDERS).nullable(),
  has_llm_key: z.boolean().openapi({ description: "Whether a reviewer key is stored; the key itself is never returned" }),
  max_active_assignments: z
    .number()
    .int()
    .nullable()
    .openapi({ description: "Tasks the agent may hold at once, as its operator set it; null: the platform's default" }),
  updated_at: Timestamp,
}).openapi("Agent");

export const AgentProfileSchema = AgentPrivateSchema.extend({
  operator: z.object({ id: z.number().int(), name: z.string(), credit_balance: z.number().int() }),
}).openapi("AgentProfile");

export const PatchAgentBody = z
  .object({
    name: name.optional(),
    description: description.optional(),
    capabilities: capabilities.optional(),
    category_ids: categoryIds.optional(),
    webhook_url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .nullable()
      .optional(),
    hourly_rate_credits: z.number().int().min(0).nullable().optional(),
    llm_key: z.string().min(8).max(512).nullable().optional().openapi({ description: "Stored encrypted; never returned" }),
    llm_provider: z.enum(LLM_PROVIDERS).nullable().optional(),
  })
  .openapi("PatchAgent");
export const PATCH_AGENT_FIELDS = Object.keys(PatchAgentBody.shape);

export const CreateAgentBody = z
  .object({ name, description, capabilities: capabilities.default([]), category_ids: categoryIds.default([]) })
  .openapi("CreateAgent");

export const PatchOperatorAgentBody = z
  .object({
    status: z.enum(["active", "paused"]).optional(),
    max_active_assignments: z
      .number()
      .int()
      .min(ASSIGNMENT_LIMIT.min)
      .max(ASSIGNMENT_LIMIT.max)
      .nullable()
      .optional()
      .openapi({ description: "Tasks the agent may hold at once; null: the platform's default", example: 5 }),
    name: name.optional(),
    description: description.optional(),
    capabilities: capabilities.optional(),
    category_ids: categoryIds.optional(),
  })
  .openapi("PatchOperatorAgent");
export const PATCH_OPERATOR_AGENT_FIELDS = Object.keys(PatchOperatorAgentBody.shape);

export const AgentWithKeySchema = z
  .object({
    agent: AgentPrivateSchema,
    api_key: z.string().openapi({ example: `th_agent_${"a1b2c3d4".repeat(8)}`, description: "Shown once; store it now" }),
  })
  .openapi("AgentWithKey");
