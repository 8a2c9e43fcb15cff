// The room answers from its own storage and D1 follows through the events queue (docs/decisions.md,
// 36 and 48). A change whose projection D1 refuses, or whose room crashes after sending it, is
// read at once from the room and lands later from the queue's retry; one refused step holds up
// none of its batch; steps applied twice, late or out of order never move D1 backwards.
import { createExecutionContext, createMessageBatch, evictDurableObject, getQueueResult, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { roomOf } from "../../src/contracts/addresses";
import { type EventMessage, stepMessage } from "../../src/contracts/event-message";
import type { ProjectionSnapshot } from "../../src/contracts/projection";
import { database } from "../../src/db/client";
import { projectionStatements } from "../../src/db/projection";
import { consumeEvents } from "../../src/queues/events";
import { acceptClaim, call, claim, personWithAgent, postTask, registerPerson, send } from "../helpers/api";
import { sampleEvent } from "../helpers/events";
import { settled } from "../helpers/rooms";

/** A step as the room's outbox sends it: the snapshot, and (for the sinks) the task's first event. */
function stepOf(snapshot: ProjectionSnapshot): EventMessage {
  return stepMessage(snapshot, [{ event: sampleEvent("claim.created", { taskId: snapshot.task.id, seq: snapshot.seq }), audience: [] }]);
}

function message(body: unknown, attempts: number) {
  return { id: crypto.randomUUID(), timestamp: new Date(), attempts, body };
}

/** D1 as if the steps had never landed: the tasks' claims gone, their rows back at creation. */
async function wipeClaims(...taskIds: number[]) {
  for (const id of taskIds) {
    await env.DB.prepare("DELETE FROM claims WHERE task_id = ?").bind(id).run();
    await env.DB.prepare("UPDATE tasks SET version = 1, status = 'open', claimed_by_agent_id = NULL WHERE id = ?").bind(id).run();
  }
}

async function claimsInD1(taskId: number): Promise<{ id: number; status: string; version: number }[]> {
  const { results } = await env.DB.prepare("SELECT id, status, version FROM claims WHERE task_id = ? ORDER BY id")
    .bind(taskId)
    .all<{ id: number; status: string; version: number }>();
  return results;
}

/** What the room would project now: its task, every claim, at its latest sequence number. */
async function snapshotOf(taskId: number): Promise<ProjectionSnapshot> {
  const listed = await roomOf(env, taskId).claimList();
  if (!listed) throw new Error(`room ${taskId} holds no task`);
  const seq = await runInDurableObject(roomOf(env, taskId), (_room, state) =>
    state.storage.sql.exec<{ seq: number }>("SELECT max(seq) AS seq FROM events").one(),
  );
  return { seq: seq.seq, task: listed.task, claims: listed.claims, deliverables: [], payments: [] };
}

function apply(snapshot: ProjectionSnapshot) {
  return env.DB.batch(projectionStatements(env.DB, database(env.DB), snapshot, new Date().toISOString()));
}

describe("the room's answer and its D1 projection", () => {
  it("answers a claim D1 refuses, shows it at once in the task's own reads, and the events queue lands it once D1 takes it", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent("Bidder");
    const task = await postTask(poster);
    await settled(task.id);
    // D1 refuses every projection of this task's claims: as if it were unreachable.
    await env.DB.exec(
      `CREATE TRIGGER hold_claims BEFORE INSERT ON claims WHEN NEW.task_id = ${task.id} BEGIN SELECT RAISE(ABORT, 'D1 unreachable'); END`,
    );
    try {
      const placed = await send<{ id: number }>("POST", `/api/v1/tasks/${task.id}/claims`, agent, { body: { proposed_credits: 40 } });
      expect(placed.status).toBe(201);

      const read = await call<{ claims_count: number }>("GET", `/api/v1/tasks/${task.id}`, poster);
      expect(read.body.data.claims_count).toBe(1);
      const listed = await call<{ id: number }[]>("GET", `/api/v1/tasks/${task.id}/claims`, poster);
      expect(listed.body.data.map((c) => c.id)).toEqual([placed.body.data.id]);

      expect(await roomOf(env, task.id).settle()).toMatchObject({ settled: false, error: expect.stringContaining("D1 unreachable") });
      expect(await claimsInD1(task.id)).toEqual([]);
      const mine = await call<{ id: number }[]>("GET", "/api/v1/agents/me/claims", agent);
      expect(mine.body.data).toEqual([]);
    } finally {
      await env.DB.exec("DROP TRIGGER hold_claims");
    }

    // As after a crash: the room comes back from storage alone, its step already on the queue,
    // whose retry lands the claim without the room.
    await evictDurableObject(roomOf(env, task.id));
    await vi.waitFor(async () => expect(await claimsInD1(task.id)).toHaveLength(1), { timeout: 15_000, interval: 100 });
    const mine = await call<{ id: number }[]>("GET", "/api/v1/agents/me/claims", agent);
    expect(mine.body.data).toHaveLength(1);
  });

  it("keeps trying a step D1 refuses, alone, while the rest of its batch lands at once", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent("Bidder");
    const [held, free] = [await postTask(poster), await postTask(poster)];
    await Promise.all([claim(agent, held.id), claim(agent, free.id)]);
    const steps = [stepOf(await snapshotOf(held.id)), stepOf(await snapshotOf(free.id))];
    await wipeClaims(held.id, free.id);
    await env.DB.exec(
      `CREATE TRIGGER hold_claims_long BEFORE INSERT ON claims WHEN NEW.task_id = ${held.id} BEGIN SELECT RAISE(ABORT, 'D1 unreachable'); END`,
    );
    try {
      // However often it is tried, the refused step is retried and the other is acknowledged.
      for (let attempt = 1; attempt <= 3; attempt++) {
        const batch = createMessageBatch(
          "taskhive-events",
          steps.map((body) => message(body, attempt)),
        );
        await consumeEvents(batch, env);
        const result = await getQueueResult(batch, createExecutionContext());
        expect(result.retryMessages.map((r) => r.msgId)).toEqual([batch.messages[0]?.id]);
        expect(result.explicitAcks).toEqual([batch.messages[1]?.id]);
        expect(await claimsInD1(held.id)).toEqual([]);
        expect(await claimsInD1(free.id)).toHaveLength(1);
      }
    } finally {
      await env.DB.exec("DROP TRIGGER hold_claims_long");
    }
    const retried = createMessageBatch("taskhive-events", [message(steps[0], 4)]);
    await consumeEvents(retried, env);
    expect((await getQueueResult(retried, createExecutionContext())).explicitAcks).toHaveLength(1);
    expect(await claimsInD1(held.id)).toHaveLength(1);
  });

  it("writes a step delivered twice, or after a newer one, once and never backwards", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent("Bidder");
    const task = await postTask(poster);
    const bid = await claim(agent, task.id);
    const older = stepOf(await snapshotOf(task.id));
    await acceptClaim(poster, task.id, bid.id);
    const newerSnapshot = await snapshotOf(task.id);
    const newer = stepOf(newerSnapshot);
    const newerSeq = newerSnapshot.seq;
    await wipeClaims(task.id);

    // Out of order within one batch, then a duplicate of each in the next.
    for (const bodies of [
      [newer, older],
      [older, newer, newer],
    ]) {
      const batch = createMessageBatch(
        "taskhive-events",
        bodies.map((body) => message(body, 1)),
      );
      await consumeEvents(batch, env);
      expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toHaveLength(bodies.length);
    }
    const row = await env.DB.prepare("SELECT status, claimed_by_agent_id, version FROM tasks WHERE id = ?").bind(task.id).first();
    expect(row).toEqual({ status: "claimed", claimed_by_agent_id: agent.id, version: newerSeq });
    expect(await claimsInD1(task.id)).toEqual([{ id: bid.id, status: "accepted", version: newerSeq }]);
  });

  it("never moves D1 backwards when a projection arrives twice or after a newer one", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent("Bidder");
    const task = await postTask(poster);
    const bid = await claim(agent, task.id);
    const older = await snapshotOf(task.id);
    await acceptClaim(poster, task.id, bid.id);
    const newer = await snapshotOf(task.id);
    await settled(task.id);

    await apply(newer);
    await apply(older);
    await apply(older);
    await apply(newer);

    const row = await env.DB.prepare("SELECT status, claimed_by_agent_id, version FROM tasks WHERE id = ?").bind(task.id).first();
    expect(row).toEqual({ status: "claimed", claimed_by_agent_id: agent.id, version: newer.seq });
    expect(await claimsInD1(task.id)).toEqual([{ id: bid.id, status: "accepted", version: newer.seq }]);
  });
});
