// The room answers from its own storage and D1 follows (docs/decisions.md, 36). A change whose
// projection D1 refuses, or whose room crashes before it lands, is read at once from the room and
// lands later from the alarm; projections applied twice, late or out of order never move D1
// backwards.
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { roomOf } from "../../src/contracts/addresses";
import { database } from "../../src/db/client";
import { type ProjectionSnapshot, projectionStatements } from "../../src/db/projection";
import { acceptClaim, call, claim, personWithAgent, postTask, registerPerson, send } from "../helpers/api";
import { settled } from "../helpers/rooms";

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
  it("answers a claim D1 refuses, shows it at once in the task's own reads, and lands it from the alarm after a crash", async () => {
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

    // As after a crash: the room comes back from storage alone, and its alarm lands the claim.
    await evictDurableObject(roomOf(env, task.id));
    expect(await runDurableObjectAlarm(roomOf(env, task.id))).toBe(true);
    expect(await claimsInD1(task.id)).toHaveLength(1);
    const mine = await call<{ id: number }[]>("GET", "/api/v1/agents/me/claims", agent);
    expect(mine.body.data).toHaveLength(1);
  });

  it("keeps trying from the alarm for as long as D1 refuses, and stops once it has caught up", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent("Bidder");
    const task = await postTask(poster);
    await settled(task.id);
    await env.DB.exec(
      `CREATE TRIGGER hold_claims_long BEFORE INSERT ON claims WHEN NEW.task_id = ${task.id} BEGIN SELECT RAISE(ABORT, 'D1 unreachable'); END`,
    );
    try {
      await claim(agent, task.id);
      expect(await roomOf(env, task.id).settle()).toMatchObject({ settled: false, error: expect.stringContaining("D1 unreachable") });
      // Each failed run sets the next one, however many there are.
      for (let run = 0; run < 3; run++) expect(await runDurableObjectAlarm(roomOf(env, task.id))).toBe(true);
    } finally {
      await env.DB.exec("DROP TRIGGER hold_claims_long");
    }
    expect(await runDurableObjectAlarm(roomOf(env, task.id))).toBe(true);
    expect(await claimsInD1(task.id)).toHaveLength(1);
    expect(await runDurableObjectAlarm(roomOf(env, task.id))).toBe(false);
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
