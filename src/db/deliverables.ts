/** Reads of the deliverables projection. */
import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { deliverables } from "./schema";

/** What the reviewer reads of a submission: who made it, for which task, and its content. */
export function deliverableForReview(db: Database, id: number) {
  return db
    .select({ agentId: deliverables.agentId, content: deliverables.content, taskId: deliverables.taskId })
    .from(deliverables)
    .where(eq(deliverables.id, id))
    .get();
}
