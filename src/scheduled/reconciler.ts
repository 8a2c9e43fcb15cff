/**
 * The reconciler, run by a Cron Trigger every five minutes: the safety net under the rooms'
 * alarms. It pages through the tasks D1 says look stuck, and the next slice of all unfinished
 * tasks (a rolling sweep, for rows that drifted from their rooms without looking stuck), and asks
 * each room to reconcile (fire what is due, set its alarm again, resend what D1 or the queue
 * lacks, write its projection again when D1 is behind). It never writes task state itself: the
 * room stays the single writer (docs/decisions.md, 1).
 */
import { roomOf } from "../contracts/addresses";
import { database } from "../db/client";
import { lastSweptTo, type ReconcilerRun, recordReconcilerRun, suspiciousTaskIds, unfinishedTaskIds } from "../db/reconciler";
import { RECONCILE_GRACE_SECONDS } from "../domain/timing";

/** Tasks read per page, pages per run, and rooms asked at once: a run's work is bounded. */
const PAGE = 100;
const MAX_PAGES = 10;
const CONCURRENCY = 10;
/** Unfinished tasks the rolling sweep visits per run. */
const SWEEP = 200;

export async function reconcileRooms(env: Env, now: Date): Promise<ReconcilerRun> {
  const db = database(env.DB);
  const run: ReconcilerRun = {
    examined: 0,
    timersFired: 0,
    unsettled: 0,
    failed: 0,
    reprojected: 0,
    sweptTo: 0,
    createdAt: now.toISOString(),
  };
  const asked = new Set<number>();
  let after = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const ids = await suspiciousTaskIds(db, now, RECONCILE_GRACE_SECONDS * 1000, after, PAGE);
    for (const id of ids) asked.add(id);
    await reconcileEach(env, ids, run);
    const last = ids.at(-1);
    if (last === undefined || ids.length < PAGE) break;
    after = last;
  }
  const swept = await unfinishedTaskIds(db, await lastSweptTo(db), SWEEP);
  await reconcileEach(
    env,
    swept.filter((id) => !asked.has(id)),
    run,
  );
  run.sweptTo = swept.length < SWEEP ? 0 : (swept.at(-1) ?? 0);
  await recordReconcilerRun(db, run);
  console.log(JSON.stringify({ at: "reconciler.run", ...run }));
  return run;
}

/** Asks each task's room to reconcile, a few at a time, and counts what they did. */
async function reconcileEach(env: Env, ids: readonly number[], run: ReconcilerRun): Promise<void> {
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
      if (outcome.value.reprojected) run.reprojected += 1;
    });
  }
}
