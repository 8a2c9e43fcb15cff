/** Reads of the deliverables projection. */
import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Database } from "./client";
import { deliverables } from "./schema";

/** A task's deliverables in submission order; `agentIds` narrows them to the caller's own agents. */
export function deliverablesOfTask(db: Database, taskId: number, agentIds: readonly number[] | null) {
  const conditions: (SQL | undefined)[] = [
    eq(deliverables.taskId, taskId),
    agentIds === null ? undefined : inArray(deliverables.agentId, agentIds),
  ];
  return db
    .select()
    .from(deliverables)
    .where(and(...conditions))
    .orderBy(asc(deliverables.id));
}

export function latestDeliverable(db: Database, taskId: number) {
  return db
    .select({ id: deliverables.id, status: deliverables.status })
    .from(deliverables)
    .where(eq(deliverables.taskId, taskId))
    .orderBy(desc(deliverables.id))
    .get();
}

export async function submissionsOf(db: Database, claimId: number | null): Promise<number> {
  if (claimId === null) return 0;
  const [row] = await db.select({ n: count() }).from(deliverables).where(eq(deliverables.claimId, claimId));
  return row?.n ?? 0;
}

/** What the reviewer reads of a submission: who made it, for which task, and its content. */
export function deliverableForReview(db: Database, id: number) {
  return db
    .select({ agentId: deliverables.agentId, content: deliverables.content, taskId: deliverables.taskId })
    .from(deliverables)
    .where(eq(deliverables.id, id))
    .get();
}
