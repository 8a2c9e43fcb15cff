import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { CHILD_ID_FACTOR } from "../../src/domain/ids";
import type { TaskRoom } from "../../src/objects/task-room";
import {
  type Agent,
  call,
  claim,
  claimedTask,
  createAgent,
  deliver,
  personWithAgent,
  postTask,
  registerPerson,
  type TaskView,
} from "../helpers/api";

function roomOf(taskId: number): DurableObjectStub<TaskRoom> {
  return env.TASK_ROOM.getByName(String(taskId));
}

async function agents(n: number): Promise<Agent[]> {
  return Promise.all(Array.from({ length: n }, () => personWithAgent()));
}

describe("TaskRoom serialises a task's lifecycle", () => {
  it("lets exactly one of 20 concurrent accepts of 20 different claims win", async () => {
    const poster = await registerPerson("Poster");
    const task = await postTask(poster);
    const bidders = await agents(20);
    const bids = await Promise.all(bidders.map((a) => claim(a, task.id)));

    const results = await Promise.all(bids.map((b) => call("POST", `/api/v1/tasks/${task.id}/claims/${b.id}/accept`, poster)));

    const winners = results.filter((r) => r.status === 200);
    const losers = results.filter((r) => r.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser.body.ok).toBe(false);
      expect(loser.body.error.code).toBe("TASK_NOT_OPEN");
      expect(loser.body.error.message).toBe(`Task ${task.id} is not open (current status: claimed)`);
    }
    const winningClaimId = (winners[0]!.body.data as { claim_id: number }).claim_id;
    const list = await call<{ id: number; status: string }[]>("GET", `/api/v1/tasks/${task.id}/claims?limit=100`, poster);
    expect(list.body.data.filter((c) => c.status === "accepted").map((c) => c.id)).toEqual([winningClaimId]);
    expect(list.body.data.filter((c) => c.status === "rejected")).toHaveLength(19);
  });

  it("accepts exactly one of 10 concurrent deliveries; the rest find the task already delivered", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const { task } = await claimedTask(poster, agent, { max_revisions: 2 });

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call("POST", `/api/v1/tasks/${task.id}/deliverables`, agent, { body: { content: `attempt ${i}` } }),
      ),
    );

    expect(results.map((r) => `${r.status} ${r.body.error?.code ?? ""}`).sort()).toEqual([
      "201 ",
      ...Array<string>(9).fill("409 INVALID_STATUS"),
    ]);
    const listed = await call<unknown[]>("GET", `/api/v1/tasks/${task.id}/deliverables`, poster);
    expect(listed.body.data).toHaveLength(1);
  });

  it("refuses concurrent deliveries beyond the last allowed submission with MAX_REVISIONS", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const { task } = await claimedTask(poster, agent, { max_revisions: 0 });

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call("POST", `/api/v1/tasks/${task.id}/deliverables`, agent, { body: { content: `attempt ${i}` } }),
      ),
    );

    expect(results.map((r) => `${r.status} ${r.body.error?.code ?? ""}`).sort()).toEqual([
      "201 ",
      ...Array<string>(9).fill("409 MAX_REVISIONS"),
    ]);
  });

  it("pays exactly once when 10 accepts of one deliverable race", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const { task } = await claimedTask(poster, agent, { budget_credits: 300 });
    const work = await deliver(agent, task.id);

    const results = await Promise.all(
      Array.from({ length: 10 }, () => call("POST", `/api/v1/tasks/${task.id}/deliverables/${work.id}/accept`, poster)),
    );

    expect(results.map((r) => `${r.status} ${r.body.error?.code ?? ""}`).sort()).toEqual([
      "200 ",
      ...Array<string>(9).fill("409 INVALID_STATUS"),
    ]);
    const payments = await env.DB.prepare("SELECT amount FROM ledger_entries WHERE task_id = ? AND type = 'payment' AND account_id = ?")
      .bind(task.id, `user:${agent.operator.id}`)
      .all<{ amount: number }>();
    expect(payments.results).toEqual([{ amount: 270 }]);
  });

  it("mints claim ids from the task id, so every claim id names its task", async () => {
    const poster = await registerPerson("Poster");
    const task = await postTask(poster);
    const [a, b] = await agents(2);
    if (!a || !b) throw new Error("two agents expected");
    const first = await claim(a, task.id);
    const second = await claim(b, task.id);
    expect(first.id).toBe(task.id * CHILD_ID_FACTOR + 1);
    expect(second.id).toBe(task.id * CHILD_ID_FACTOR + 2);
  });
});

describe("TaskRoom keeps an event log and the D1 projection", () => {
  it("appends events with consecutive sequence numbers in the same step as each change", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const { task } = await claimedTask(poster, agent);
    await deliver(agent, task.id);

    const events = await runInDurableObject(roomOf(task.id), (_room, state) =>
      state.storage.sql.exec<{ seq: number; type: string }>("SELECT seq, type FROM events ORDER BY seq").toArray(),
    );
    expect(events.map((e) => e.type)).toEqual([
      "task.created",
      "claim.created",
      "claim.accepted",
      "task.updated",
      "deliverable.submitted",
      "task.updated",
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it("repairs D1 from its alarm when D1 missed a change: the step goes out again and the events queue writes it", async () => {
    const poster = await registerPerson("Poster");
    const task = await postTask(poster);
    const agent = await createAgent(await registerPerson("Operator"));
    await claim(agent, task.id);
    // Simulate a step that never reached D1, and a room that crashed before sending it again.
    await env.DB.prepare("UPDATE tasks SET claims_count = 0, version = 1 WHERE id = ?").bind(task.id).run();
    await env.DB.prepare("DELETE FROM claims WHERE task_id = ?").bind(task.id).run();
    await runInDurableObject(roomOf(task.id), (_room, state) => {
      state.storage.sql.exec("UPDATE cursors SET seq = 1 WHERE name = 'outbox'");
    });
    await runInDurableObject(roomOf(task.id), (_room, state) => state.storage.setAlarm(Date.now() + 60_000));
    // As after a crash: the room comes back from storage alone.
    await evictDurableObject(roomOf(task.id));

    expect(await runDurableObjectAlarm(roomOf(task.id))).toBe(true);

    await vi.waitFor(
      async () => {
        const row = await env.DB.prepare("SELECT claims_count FROM tasks WHERE id = ?").bind(task.id).first<{ claims_count: number }>();
        expect(row?.claims_count).toBe(1);
      },
      { timeout: 10_000, interval: 50 },
    );
    const claims = await env.DB.prepare("SELECT count(*) AS n FROM claims WHERE task_id = ?").bind(task.id).first<{ n: number }>();
    expect(claims?.n).toBe(1);
  });

  it("creates the task itself: the D1 row is its projection, written at the task.created event", async () => {
    const poster = await registerPerson("Poster");
    const task = await postTask(poster);
    const row = await env.DB.prepare("SELECT version, status FROM tasks WHERE id = ?")
      .bind(task.id)
      .first<{ version: number; status: string }>();
    expect(row).toEqual({ version: 1, status: "open" });
    const events = await runInDurableObject(roomOf(task.id), (_room, state) =>
      state.storage.sql.exec("SELECT seq, type FROM events").toArray(),
    );
    expect(events).toEqual([{ seq: 1, type: "task.created" }]);
  });

  it("answers a creation D1 refuses from the room, and the events queue writes the row once D1 takes it", async () => {
    const poster = await registerPerson("Poster");
    await env.DB.exec(
      "CREATE TRIGGER projection_fails BEFORE INSERT ON tasks WHEN NEW.title = 'Projection fails here' BEGIN SELECT RAISE(ABORT, 'simulated D1 failure'); END",
    );
    let created: TaskView;
    try {
      created = await postTask(poster, { title: "Projection fails here" });
      expect(created).toMatchObject({ status: "open", title: "Projection fails here" });
      expect(await roomOf(created.id).settle()).toMatchObject({ settled: false, error: expect.stringContaining("simulated D1 failure") });
      expect(await env.DB.prepare("SELECT id FROM tasks WHERE id = ?").bind(created.id).first()).toBeNull();
    } finally {
      await env.DB.exec("DROP TRIGGER projection_fails");
    }

    // Nobody touches the room again: the queue's retry of its step lands the row.
    await vi.waitFor(
      async () => {
        const row = await env.DB.prepare("SELECT title, version FROM tasks WHERE id = ?").bind(created.id).first();
        expect(row).toEqual({ title: "Projection fails here", version: 1 });
      },
      { timeout: 15_000, interval: 100 },
    );
  });

  it("knows no task it did not create: a row written to D1 behind its back is not adopted", async () => {
    const poster = await registerPerson("Poster");
    const now = new Date().toISOString();
    const inserted = await env.DB.prepare(
      `INSERT INTO tasks (id, poster_id, title, description, budget_credits, status, max_revisions, auto_review_enabled, version, created_at, updated_at)
       VALUES (7654321, ?, 'Orphaned task', 'Written to D1 by something other than its room', 50, 'open', 2, 0, 0, ?, ?) RETURNING id`,
    )
      .bind(poster.id, now, now)
      .first<{ id: number }>();
    const agent = await personWithAgent();
    const refused = await call("POST", `/api/v1/tasks/${inserted?.id}/claims`, agent, { body: { proposed_credits: 50 } });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("TASK_NOT_FOUND");
  });

  it("leaves no storage behind when asked about a task that does not exist", async () => {
    const agent = await personWithAgent();
    const result = await call("POST", "/api/v1/tasks/987654/claims", agent, { body: { proposed_credits: 10 } });
    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe("TASK_NOT_FOUND");
    const tables = await runInDurableObject(roomOf(987654), (_room, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\'").toArray(),
    );
    expect(tables).toEqual([]);
  });
});
