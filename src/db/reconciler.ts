/**
 * What the reconciler reads and records in D1. It never writes a task: it finds tasks whose
 * projection says a room should already have acted (a timer past due, a completion without its
 * payment) and leaves the repair to each room.
 */
import { and, asc, desc, gt, inArray, sql } from "drizzle-orm";
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

/**
 * Up to `limit` ids after `afterId` of unfinished tasks, for the rolling sweep: each run asks the
 * next slice of them, so a projection row that drifted from its room is found even when nothing
 * about it looks stuck.
 */
export async function unfinishedTaskIds(db: Database, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(gt(tasks.id, afterId), inArray(tasks.status, ["open", "claimed", "in_progress", "delivered"])))
    .orderBy(asc(tasks.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Where the last run's sweep stopped (0 when none ran, or it reached the end). */
export async function lastSweptTo(db: Database): Promise<number> {
  const row = await db.select({ sweptTo: reconcilerRuns.sweptTo }).from(reconcilerRuns).orderBy(desc(reconcilerRuns.id)).limit(1).get();
  return row?.sweptTo ?? 0;
}

export type ReconcilerRun = Omit<typeof reconcilerRuns.$inferSelect, "id">;

export async function recordReconcilerRun(db: Database, run: ReconcilerRun): Promise<void> {
  await db.insert(reconcilerRuns).values(run);
}

/** The latest runs, newest first. */
export async function latestReconcilerRuns(db: Database, limit: number) {
  return db.select().from(reconcilerRuns).orderBy(desc(reconcilerRuns.id)).limit(limit);
}
