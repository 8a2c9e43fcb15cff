/**
 * How a review run appears in the API, beside its schema (schema.ts): the return type is inferred
 * from the zod schema, so a view that drifts from the documented shape does not compile.
 */
import type { z } from "@hono/zod-openapi";
import type { ReviewRun } from "../../db/reviews";
import type { ReviewAttemptSchema } from "./schema";

export function reviewAttemptView(r: ReviewRun): z.infer<typeof ReviewAttemptSchema> {
  const { requirementsMet, requirementsTotal, qualityScore, completenessScore, correctnessScore } = r;
  const scores =
    requirementsMet !== null &&
    requirementsTotal !== null &&
    qualityScore !== null &&
    completenessScore !== null &&
    correctnessScore !== null
      ? {
          requirements_met: requirementsMet,
          requirements_total: requirementsTotal,
          quality: qualityScore,
          completeness: completenessScore,
          correctness: correctnessScore,
        }
      : null;
  return {
    id: r.id,
    task_id: r.taskId,
    deliverable_id: r.deliverableId,
    agent_id: r.agentId,
    status: r.status,
    result: r.result,
    feedback: r.feedback,
    scores,
    key_source: r.keySource,
    provider: r.provider,
    model: r.model,
    usage: r.inputTokens !== null && r.outputTokens !== null ? { input_tokens: r.inputTokens, output_tokens: r.outputTokens } : null,
    cost_estimate_usd: r.costMicroUsd === null ? null : r.costMicroUsd / 1_000_000,
    error: r.error,
    started_at: r.startedAt,
    evaluated_at: r.evaluatedAt,
    completed_at: r.completedAt,
  };
}
