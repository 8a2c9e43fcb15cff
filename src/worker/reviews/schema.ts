/** The reviewer's attempts as the API shows them. */
import { z } from "@hono/zod-openapi";
import { KEY_SOURCES } from "../../domain/reviews/key-resolution";
import { REVIEW_RESULTS, REVIEW_RUN_STATUSES } from "../../domain/reviews/run";
import { LLM_PROVIDERS } from "../../domain/task";
import { Timestamp } from "../http/schema";

export const ReviewAttemptSchema = z
  .object({
    id: z.number().int(),
    task_id: z.number().int(),
    deliverable_id: z.number().int(),
    agent_id: z.number().int(),
    status: z
      .enum(REVIEW_RUN_STATUSES)
      .openapi({ description: "started, evaluated (the model answered), applied (the verdict took effect)" }),
    result: z.enum(REVIEW_RESULTS).nullable().openapi({ description: "null while running, or when the poster decided first" }),
    feedback: z.string().nullable(),
    scores: z
      .object({
        requirements_met: z.number().int(),
        requirements_total: z.number().int(),
        quality: z.number(),
        completeness: z.number(),
        correctness: z.number(),
      })
      .nullable(),
    key_source: z.enum(KEY_SOURCES).nullable().openapi({ description: "Whose LLM key paid: poster, agent, platform, or none (skipped)" }),
    provider: z.enum(LLM_PROVIDERS).nullable(),
    model: z.string().nullable(),
    usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }).nullable(),
    cost_estimate_usd: z.number().nullable().openapi({ description: "From list prices of known models; null when unknown" }),
    error: z.string().nullable().openapi({ description: "Why the review could not complete (result error)" }),
    started_at: Timestamp,
    evaluated_at: Timestamp.nullable(),
    completed_at: Timestamp.nullable(),
  })
  .openapi("ReviewAttempt");
