// Money is an effect of the completing command: the room decides the payment once (the ledger
// rule's settlement), records its transfers with the command, and the projection writes them as
// given. Replaying the projection pays nothing more, and a room from before payments were
// recorded (its task completed, its projection not yet written) still pays exactly once.
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { roomOf } from "../../src/contracts/addresses";
import { acceptDeliverable, claimedTask, deliver, personWithAgent, registerPerson } from "../helpers/api";
import { settled } from "../helpers/rooms";

async function completedTask(budget: number) {
  const poster = await registerPerson("Poster");
  const worker = await personWithAgent("Worker");
  const { task } = await claimedTask(poster, worker, { budget_credits: budget });
  const work = await deliver(worker, task.id);
  await acceptDeliverable(poster, task.id, work.id);
  return { taskId: task.id, worker };
}

const paymentsIn = (taskId: number) =>
  runInDurableObject(roomOf(env, taskId), (_room, state) =>
    state.storage.sql
      .exec<{ version: number; agent_id: number; transfers: string }>("SELECT version, agent_id, transfers FROM payments")
      .toArray(),
  );

async function entriesOf(taskId: number) {
  const { results } = await env.DB.prepare("SELECT transfer_key, account_id, amount FROM ledger_entries WHERE task_id = ? ORDER BY id")
    .bind(taskId)
    .all<{ transfer_key: string; account_id: string; amount: number }>();
  return results;
}

/**
 * Moves the room's outbox cursor back to `seq` and runs its alarm, as a crash-and-retry would:
 * the steps go out again, and the events queue writes them to D1 (waited for here).
 */
async function replayProjectionFrom(taskId: number, seq: number) {
  await runInDurableObject(roomOf(env, taskId), async (_room, state) => {
    state.storage.sql.exec("UPDATE cursors SET seq = ? WHERE name = 'outbox'", seq);
    await state.storage.setAlarm(Date.now() + 60_000);
  });
  await evictDurableObject(roomOf(env, taskId));
  expect(await runDurableObjectAlarm(roomOf(env, taskId))).toBe(true);
  await settled(taskId);
}

describe("a task's payment", () => {
  it("is decided once by the completing command and recorded with it", async () => {
    const { taskId, worker } = await completedTask(200);
    const payments = await paymentsIn(taskId);
    expect(payments).toHaveLength(1);
    expect(payments[0]?.agent_id).toBe(worker.id);
    const transfers = JSON.parse(payments[0]?.transfers ?? "[]") as { key: string; to: string; amount: number }[];
    expect(transfers.map((t) => [t.key, t.to, t.amount])).toEqual([
      [`task:${taskId}:payment`, `user:${worker.operator.id}`, 180],
      [`task:${taskId}:fee`, "fees", 20],
    ]);
    const completion = await runInDurableObject(roomOf(env, taskId), (_room, state) =>
      state.storage.sql.exec<{ seq: number }>("SELECT seq FROM events WHERE type = 'deliverable.accepted'").one(),
    );
    expect(payments[0]?.version).toBe(completion.seq);
  });

  it("is written to the ledger once, however often the projection is replayed", async () => {
    const { taskId } = await completedTask(150);
    const before = await entriesOf(taskId);
    expect(before).toHaveLength(4);
    await replayProjectionFrom(taskId, 0);
    await replayProjectionFrom(taskId, 0);
    expect(await entriesOf(taskId)).toEqual(before);
  });

  it("is recorded from storage for a room completed before payments were, and paid once when its projection lands", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent("Worker");
    const { task } = await claimedTask(poster, worker, { budget_credits: 100 });
    const work = await deliver(worker, task.id);
    // D1 refuses the completion's projection, so the room completes the task but nothing is paid yet.
    await env.DB.exec(
      `CREATE TRIGGER block_payment BEFORE INSERT ON ledger_entries WHEN NEW.task_id = ${task.id} BEGIN SELECT RAISE(ABORT, 'simulated'); END`,
    );
    try {
      await acceptDeliverable(poster, task.id, work.id);
      expect(await entriesOf(task.id)).toEqual([]);
      // As a room written by the release before payments were recorded: no payments table, and
      // a cursor for D1 and one for the queue. (The completion's step, still being retried by
      // the events queue, carries the same transfers: whichever lands first pays.)
      await runInDurableObject(roomOf(env, task.id), (_room, state) => {
        state.storage.sql.exec("DROP TABLE payments");
        for (const name of ["d1", "queue"]) {
          state.storage.sql.exec("INSERT INTO cursors (name, seq) SELECT ?, seq FROM cursors WHERE name = 'outbox'", name);
        }
        state.storage.sql.exec("DELETE FROM cursors WHERE name = 'outbox'");
        state.storage.sql.exec("DELETE FROM schema_version");
        state.storage.sql.exec("INSERT INTO schema_version (version) VALUES (4)");
      });
    } finally {
      await env.DB.exec("DROP TRIGGER block_payment");
    }

    await replayProjectionFrom(
      task.id,
      await runInDurableObject(
        roomOf(env, task.id),
        (_room, state) => state.storage.sql.exec<{ seq: number }>("SELECT seq FROM cursors WHERE name = 'd1'").one().seq,
      ),
    );
    const payments = await paymentsIn(task.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]?.agent_id).toBe(worker.id);
    expect((await entriesOf(task.id)).map((e) => [e.account_id, e.amount])).toEqual([
      ["mint", -90],
      [`user:${worker.operator.id}`, 90],
      ["mint", -10],
      ["fees", 10],
    ]);
    await replayProjectionFrom(task.id, 0);
    expect(await entriesOf(task.id)).toHaveLength(4);
  });
});
