// The reconciler is the safety net under the rooms' alarms: when an alarm is lost or a projection
// row goes missing, the Cron Trigger finds the task in D1 and its room puts everything right. It
// never writes a task itself; every repair below is the room's own.
import { createExecutionContext, createScheduledController, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { roomOf } from "../../src/contracts/addresses";
import worker from "../../src/index";
import { claimedTask, deliver, personWithAgent, postTask, registerPerson } from "../helpers/api";
import { settled } from "../helpers/rooms";
import { moveClock, roomEvents, roomTask } from "../helpers/timers";

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** Runs the Worker's scheduled handler as the Cron Trigger would, and waits for it to finish. */
async function runCron(): Promise<void> {
  const controller = createScheduledController({ cron: "*/5 * * * *", scheduledTime: Date.now() });
  const ctx = createExecutionContext();
  worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

async function deleteAlarm(taskId: number): Promise<void> {
  await runInDurableObject(roomOf(env, taskId), async (_room, state) => {
    await state.storage.deleteAlarm();
    expect(await state.storage.getAlarm()).toBeNull();
  });
}

async function latestRun() {
  return env.DB.prepare(
    "SELECT examined, timers_fired, unsettled, failed, reprojected FROM reconciler_runs ORDER BY id DESC LIMIT 1",
  ).first<{
    examined: number;
    timers_fired: number;
    unsettled: number;
    failed: number;
    reprojected: number;
  }>();
}

describe("the reconciler", () => {
  it("repairs what lost alarms left behind: an expired lease, a passed deadline, a closed auto-accept window", async () => {
    const poster = await registerPerson("Poster");
    const worker1 = await personWithAgent();
    const lease = await claimedTask(poster, worker1, { lease_seconds: 60 });
    const open = await postTask(poster, { deadline: inAnHour() });
    const waiting = await claimedTask(poster, worker1, { auto_accept_seconds: 60 });
    await deliver(worker1, waiting.task.id);
    await settled(lease.task.id, open.id, waiting.task.id);

    // Time passes while every alarm is lost: the rooms and D1 both say the times are long gone.
    await moveClock(lease.task.id, { leaseExpiresAt: hoursAgo(2) });
    await moveClock(open.id, { deadline: hoursAgo(2) });
    await moveClock(waiting.task.id, { autoAcceptAt: hoursAgo(2) });
    await env.DB.batch([
      env.DB.prepare("UPDATE tasks SET lease_expires_at = ? WHERE id = ?").bind(hoursAgo(2), lease.task.id),
      env.DB.prepare("UPDATE tasks SET deadline = ? WHERE id = ?").bind(hoursAgo(2), open.id),
      env.DB.prepare("UPDATE tasks SET auto_accept_at = ? WHERE id = ?").bind(hoursAgo(2), waiting.task.id),
    ]);
    for (const id of [lease.task.id, open.id, waiting.task.id]) await deleteAlarm(id);

    await runCron();

    expect(await roomTask(lease.task.id)).toMatchObject({ status: "open" });
    expect(await roomTask(open.id)).toMatchObject({ status: "cancelled" });
    expect(await roomTask(waiting.task.id)).toMatchObject({ status: "completed" });
    await settled(lease.task.id, open.id, waiting.task.id);
    const payment = await env.DB.prepare("SELECT count(*) AS n FROM ledger_entries WHERE transfer_key = ?")
      .bind(`task:${waiting.task.id}:payment`)
      .first<{ n: number }>();
    expect(payment?.n).toBe(2);
    expect(await latestRun()).toMatchObject({ timers_fired: 3, unsettled: 0, failed: 0 });

    // A second run finds nothing left to do, and fires nothing twice.
    const events = await roomEvents(waiting.task.id);
    await runCron();
    expect(await roomEvents(waiting.task.id)).toHaveLength(events.length);
    expect(await latestRun()).toMatchObject({ timers_fired: 0, reprojected: 0, failed: 0 });
  });

  it("restores a completed task's missing payment and projection row from its room, paying once", async () => {
    const poster = await registerPerson("Poster");
    const worker1 = await personWithAgent();
    const { task } = await claimedTask(poster, worker1, { budget_credits: 100 });
    const work = await deliver(worker1, task.id);
    await roomOf(env, task.id).acceptDeliverable({ userId: poster.id, agentId: null }, work.id);
    await settled(task.id);
    const paid = await env.DB.prepare("SELECT balance FROM accounts WHERE user_id = ?")
      .bind(worker1.operator.id)
      .first<{ balance: number }>();

    // Corrupt the projection: the row falls back to an old version and state. (The payment's
    // entries stay: the ledger is append-only, so a lost payment is one never written.)
    await env.DB.prepare("UPDATE tasks SET status = 'delivered', version = 1 WHERE id = ?").bind(task.id).run();
    // D1 reads `delivered` with its window long closed: suspicious.
    await env.DB.prepare("UPDATE tasks SET auto_accept_at = ? WHERE id = ?").bind(hoursAgo(2), task.id).run();

    await runCron();

    const row = await env.DB.prepare("SELECT status FROM tasks WHERE id = ?").bind(task.id).first<{ status: string }>();
    expect(row?.status).toBe("completed");
    const after = await env.DB.prepare("SELECT balance FROM accounts WHERE user_id = ?")
      .bind(worker1.operator.id)
      .first<{ balance: number }>();
    expect(after?.balance).toBe(paid?.balance);
    expect(await latestRun()).toMatchObject({ timers_fired: 0, failed: 0, reprojected: 1 });
  });

  it("finds projection rows that drifted from their rooms by its rolling sweep, even when nothing about them looks stuck", async () => {
    const poster = await registerPerson("Poster");
    const workers = await Promise.all(Array.from({ length: 6 }, () => personWithAgent()));
    const open = await Promise.all(Array.from({ length: 6 }, () => postTask(poster)));
    const held = await Promise.all(workers.map((w) => claimedTask(poster, w)));
    const ids = [...open.map((t) => t.id), ...held.map((h) => h.task.id)];
    await settled(...ids);
    // Chaos: every alarm is gone and every row is set back behind its room, with a wrong status.
    for (const id of ids) await deleteAlarm(id);
    // (A row corrupted into a finished status would leave the sweep, which visits what D1 lists as unfinished.)
    await env.DB.prepare(`UPDATE tasks SET status = 'open', claims_count = 0, version = 0 WHERE id IN (${ids.join(",")})`).run();
    await runCron();

    const { results } = await env.DB.prepare(`SELECT id, status, claims_count FROM tasks WHERE id IN (${ids.join(",")}) ORDER BY id`).all<{
      id: number;
      status: string;
      claims_count: number;
    }>();
    for (const row of results) {
      const room = await roomTask(row.id);
      expect({ id: row.id, status: row.status, claims: row.claims_count }).toEqual({
        id: row.id,
        status: room?.status,
        claims: room?.claimsCount,
      });
    }
    expect((await latestRun())?.reprojected).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) {
      const alarm = await runInDurableObject(roomOf(env, id), (_room, state) => state.storage.getAlarm());
      // Held tasks run a lease again; open ones have nothing to wait for.
      expect(alarm === null).toBe(open.some((t) => t.id === id));
    }
  });
});
