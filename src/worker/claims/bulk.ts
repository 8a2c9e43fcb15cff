/**
 * Bulk claims: up to ten bids in one request. Each item goes to its own task's room, all at
 * once, exactly as POST /tasks/{id}/claims would; one item's refusal is that item's result,
 * never the request's, so an agent learns the fate of every bid from one answer.
 */
import { createRoute, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requestErrors } from "../../domain/error-catalogue";
import { AppError } from "../../domain/errors";
import type { AgentActor } from "../../objects/task-room";
import { requireAgent } from "../auth/guards";
import type { AppEnv } from "../http/context";
import { ok } from "../http/envelope";
import { agentsOnly } from "../http/middleware/caller-kind";
import { createRouter } from "../http/router";
import { AGENT_ONLY, envelope, errorResponses, jsonBody, jsonContent } from "../http/schema";
import { inRoom } from "../tasks/room";
import { type BulkClaimItem, type BulkClaimResultSchema, BulkClaimsBody, BulkClaimsResultSchema } from "./schema";

export const bulkClaimRoutes = createRouter();

const CLAIMING_IN_BULK = "Claiming tasks in bulk";

const bulkClaimsRoute = createRoute({
  method: "post",
  path: "/tasks/bulk/claims",
  tags: ["Claims"],
  summary: "Claim several tasks at once",
  description:
    "1..10 claims, each applied independently and concurrently. Always 200 once the body is valid: each result is the claim id or the error that POST /tasks/{id}/claims would have answered, in the order sent. A task may appear only once per request.",
  security: AGENT_ONLY,
  middleware: [agentsOnly(CLAIMING_IN_BULK)] as const,
  request: { body: jsonBody(BulkClaimsBody) },
  responses: {
    200: jsonContent(envelope(BulkClaimsResultSchema), "Every item's outcome and a summary"),
    ...errorResponses(401, 403, 413, 415, 422, 429),
  },
});

bulkClaimRoutes.openapi(bulkClaimsRoute, async (c) => {
  const { claims } = c.req.valid("json");
  const agent = requireAgent(c.var.principal, CLAIMING_IN_BULK);
  const results = await Promise.all(claims.map((item) => claimOne(c, agent, item)));
  const succeeded = results.filter((r) => r.ok).length;
  return ok(c, { results, summary: { succeeded, failed: results.length - succeeded, total: results.length } }, 200);
});

/** One item's outcome; never rejects, so every other item's outcome is still reported. */
async function claimOne(
  c: Context<AppEnv>,
  agent: AgentActor,
  item: z.infer<typeof BulkClaimItem>,
): Promise<z.infer<typeof BulkClaimResultSchema>> {
  try {
    const claim = await inRoom(c.env, item.task_id, (room) =>
      room.claim(agent, { proposedCredits: item.proposed_credits, message: item.message ?? null }),
    );
    return { task_id: item.task_id, ok: true, claim_id: claim.id };
  } catch (error) {
    if (error instanceof AppError) return { task_id: item.task_id, ok: false, error: error.toBody() };
    // The room could not be reached or failed: whether this bid was placed is unknown, and a
    // retry answers DUPLICATE_CLAIM (with the claim id) if it was. The other items still stand.
    const requestId = c.get("requestId");
    console.error(JSON.stringify({ at: "bulk-claims", request_id: requestId, task: item.task_id, error: String(error) }));
    return { task_id: item.task_id, ok: false, error: requestErrors.internal(requestId).toBody() };
  }
}
