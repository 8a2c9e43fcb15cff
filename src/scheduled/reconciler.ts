/**
 * The reconciler, run by a Cron Trigger every five minutes: the safety net under the rooms'
 * alarms. It pages through the tasks D1 says look stuck and asks each room to reconcile (fire
 * what is due, set its alarm again, resend what D1 or the queue lacks, write its projection once
 * more). It never writes task state itself: the room stays the single writer (docs/decisions.md, 1).
 */
import { roomOf } from "../contracts/addresses";
import { database } from "../db/client";
import { type ReconcilerRun, recordReconcilerRun, suspiciousTaskIds } from "../db/reconciler";
import { RECONCILE_GRACE_SECONDS } from "../domain/timing";

/** Tasks read per page, pages per run, and rooms asked at once: a run's work is bounded. */
const PAGE = 100;
const MAX_PAGES = 10;
const CONCURRENCY = 10;

export async function reconcileRooms(env: Env, now: Date): Promise<ReconcilerRun> {
  const db = database(env.DB);
  const run: ReconcilerRun = { examined: 0, timersFired: 0, unsettled: 0, failed: 0, createdAt: now.toISOString() };
  let after = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const ids = await suspiciousTaskIds(db, now, RECONCILE_GRACE_SECONDS * 1000, after, PAGE);
    for (let i = 0; i < ids.length; i += CONCURRENCY) {
      const chunk = ids.slice(i, i + CONCURRENCY);
      const outcomes = await Promise.allSettled(chunk.map((id) => roomOf(env, id).reconcile()));
      outcomes.forEach((outcome, j) => {
        run.examined += 1;
        if (outcome.status === "rejected") {
          run.failed += 1;
          console.error(JSON.stringify({ at: "reconciler.room", task: chunk[j], error: String(outcome.reason) }));
          return;
        }
        run.timersFired += outcome.value.fired.length;
        if (!outcome.value.settled) run.unsettled += 1;
      });
    }
    const last = ids.at(-1);
    if (last === undefined || ids.length < PAGE) break;
    after = last;
  }
  await recordReconcilerRun(db, run);
  console.log(JSON.stringify({ at: "reconciler.run", ...run }));
  return run;
}
