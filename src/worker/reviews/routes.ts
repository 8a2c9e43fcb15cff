/** The reviewer's attempts on a task: the poster sees all, an agent its own. */
import { createRoute, type z } from "@hono/zod-openapi";
import { type ReviewRun, runsOfTask } from "../../db/reviews";
import { taskById } from "../../db/tasks";
import { taskErrors } from "../../domain/error-catalogue";
import { mayReadWork, visibleAgents } from "../../domain/visibility";
import { ok } from "../http/envelope";
import { createRouter } from "../http/router";
import { AUTHENTICATED, envelope, errorResponses, jsonContent, TaskIdParams } from "../http/schema";
import { sightFor } from "../tasks/sight";
import { ReviewAttemptSchema } from "./schema";

export const reviewRoutes = createRouter();

const listRoute = createRoute({
  method: "get",
  path: "/tasks/{id}/reviews",
  tags: ["Reviews"],
  summary: "List the reviewer's attempts",
  description:
    "One attempt per submission of an auto-reviewed task, in submission order: result, feedback, scores, whose key paid, provider and model, token usage and cost estimate, timestamps. The poster sees all; an agent sees its own.",
  security: AUTHENTICATED,
  request: { params: TaskIdParams },
  responses: {
    200: jsonContent(envelope(ReviewAttemptSchema.array()), "The attempts"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

reviewRoutes.openapi(listRoute, async (c) => {
  const { id } = c.req.valid("param");
  const db = c.var.db;
  const row = await taskById(db, id);
  if (!row) throw taskErrors.notFound(id);
  const sight = await sightFor(db, row.task.posterId, c.var.principal);
  const runs = await runsOfTask(db, id, visibleAgents(sight));
  if (runs.length === 0 && !mayReadWork(sight, row.task.claimedByAgentId)) throw taskErrors.reviewsHidden(id);
  return ok(c, runs.map(reviewAttemptView), 200);
});

function reviewAttemptView(r: ReviewRun): z.infer<typeof ReviewAttemptSchema> {
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
