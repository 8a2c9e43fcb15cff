/**
 * How a deliverable appears in the API, beside its schema (schema.ts): the return type is inferred from the zod
 * schema, so a view that drifts from the documented shape does not compile.
 */
import type { z } from "@hono/zod-openapi";
import type { DeliverableRecord } from "../../domain/task";
import type { DeliverableSchema } from "./schema";

type DeliverableLike = Pick<
  DeliverableRecord,
  "id" | "taskId" | "agentId" | "content" | "status" | "revisionNumber" | "revisionNotes" | "submittedAt"
>;

export function deliverableView(d: DeliverableLike): z.infer<typeof DeliverableSchema> {
  return {
    id: d.id,
    task_id: d.taskId,
    agent_id: d.agentId,
    content: d.content,
    status: d.status,
    revision_number: d.revisionNumber,
    revision_notes: d.revisionNotes,
    submitted_at: d.submittedAt,
  };
}
