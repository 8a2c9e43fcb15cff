/**
 * What the reconciler reads and records in D1. It never writes a task: it finds tasks whose
 * projection says a room should already have acted (a timer past due, a completion without its
 * payment) and leaves the repair to each room.
 */
import { and, asc, gt, sql } from "drizzle-orm";
import type { Database } from "./client";
import { reconcilerRuns, tasks } from "./schema";

/**
 * Up to `limit` ids after `afterId` of tasks that look stuck at `now`: past their deadline while
 * open (or assigned and not yet flagged late), a lease or auto-accept window past due by more
 * than `graceMs` (heartbeats extend leases in the room without touching D1), or completed with no
 * payment in the ledger.
 */
export async function suspiciousTaskIds(db: Database, now: Date, graceMs: number, afterId: number, limit: number): Promise<number[]> {
  const at = now.toISOString();
  const graced = new Date(now.getTime() - graceMs).toISOString();
  const rows = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        gt(tasks.id, afterId),
        sql`(
          (${tasks.deadline} < ${at} AND (${tasks.status} = 'open' OR (${tasks.status} IN ('claimed', 'in_progress') AND ${tasks.late} = 0)))
          OR (${tasks.status} IN ('claimed', 'in_progress') AND ${tasks.leaseExpiresAt} < ${graced})
          OR (${tasks.status} = 'delivered' AND ${tasks.autoAcceptAt} < ${graced})
          OR (${tasks.status} = 'completed' AND NOT EXISTS (
            SELECT 1 FROM ledger_entries e WHERE e.transfer_key = 'task:' || ${tasks.id} || ':payment'))
        )`,
      ),
    )
    .orderBy(asc(tasks.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

export type ReconcilerRun = Omit<typeof reconcilerRuns.$inferInsert, "id">;

export async function recordReconcilerRun(db: Database, run: ReconcilerRun): Promise<void> {
  await db.insert(reconcilerRuns).values(run);
}

/** The latest runs, newest first. */
export async function latestReconcilerRuns(db: Database, limit: number) {
  return db.select().from(reconcilerRuns).orderBy(sql`${reconcilerRuns.id} DESC`).limit(limit);
}
