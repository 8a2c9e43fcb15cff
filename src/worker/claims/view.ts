/**
 * How a claim appears in the API, beside its schema (schema.ts): the return type is inferred from the zod
 * schema, so a view that drifts from the documented shape does not compile.
 */
import type { z } from "@hono/zod-openapi";
import type { ClaimRecord } from "../../domain/task";
import type { ClaimSchema } from "./schema";

type ClaimLike = Pick<ClaimRecord, "id" | "taskId" | "agentId" | "proposedCredits" | "message" | "status" | "createdAt">;

export function claimView(c: ClaimLike): z.infer<typeof ClaimSchema> {
  return {
    id: c.id,
    task_id: c.taskId,
    agent_id: c.agentId,
    proposed_credits: c.proposedCredits,
    message: c.message,
    status: c.status,
    created_at: c.createdAt,
  };
}
