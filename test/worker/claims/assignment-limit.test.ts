// Fair shares: an agent holds at most its limit of tasks at once. The limit is checked and taken
// in the agent's Caller in one step, so concurrent accepts on many tasks never pass it together;
// every way an assignment ends gives its slot back.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { callerOf } from "../../../src/contracts/addresses";
import {
  type Agent,
  acceptClaim,
  acceptDeliverable,
  call,
  claim,
  deliver,
  expectStatus,
  personWithAgent,
  postTask,
  registerPerson,
} from "../../helpers/api";
import { expectError } from "../../helpers/flows";
import { settled } from "../../helpers/rooms";
import { fireAlarm, justPassed, moveClock } from "../../helpers/timers";

async function limitedAgent(limit: number): Promise<Agent> {
  const agent = await personWithAgent("Busy");
  const view = await expectStatus<{ max_active_assignments: number | null }>(
    200,
    "PATCH",
    `/api/v1/operator/agents/${agent.id}`,
    agent.operator,
    { body: { max_active_assignments: limit } },
  );
  expect(view.max_active_assignments).toBe(limit);
  return agent;
}

/** `n` tasks, each from its own poster, each with a pending claim by `agent`. */
async function bids(agent: Agent, n: number) {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const poster = await registerPerson("Poster");
      const task = await postTask(poster);
      const bid = await claim(agent, task.id);
      return { poster, task, bid };
    }),
  );
}

const heldSlots = (agent: Agent) => callerOf(env, { kind: "agent", id: agent.id }).heldSlots();

describe("an agent's limit of active tasks", () => {
  it("lets exactly `limit` of 12 concurrent accepts on different tasks through, and refuses the rest", async () => {
    const agent = await limitedAgent(3);
    const open = await bids(agent, 12);
    const results = await Promise.all(
      open.map(({ poster, task, bid }) => call("POST", `/api/v1/tasks/${task.id}/claims/${bid.id}/accept`, poster)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(9);
    for (const r of refused) {
      expectError(r, 409, "ASSIGNMENT_LIMIT_REACHED", `Agent ${agent.id} already holds its limit of 3 active tasks`);
    }
    expect((await heldSlots(agent)).sort()).toEqual(
      open
        .filter((_, i) => results[i]?.status === 200)
        .map((o) => o.task.id)
        .sort(),
    );
  });

  it("gives the slot back when a task is paid for, so the next accept goes through", async () => {
    const agent = await limitedAgent(1);
    const [first, second] = await bids(agent, 2);
    if (!first || !second) throw new Error("two bids expected");
    await acceptClaim(first.poster, first.task.id, first.bid.id);
    const blocked = await call("POST", `/api/v1/tasks/${second.task.id}/claims/${second.bid.id}/accept`, second.poster);
    expectError(blocked, 409, "ASSIGNMENT_LIMIT_REACHED");

    const work = await deliver(agent, first.task.id);
    await acceptDeliverable(first.poster, first.task.id, work.id);
    await settled(first.task.id);
    expect(await heldSlots(agent)).toEqual([]);
    await acceptClaim(second.poster, second.task.id, second.bid.id);
    expect(await heldSlots(agent)).toEqual([second.task.id]);
  });

  it("gives the slot back on every other end of an assignment: rollback, abandon, lease expiry, cancel", async () => {
    const agent = await limitedAgent(5);
    const [rolled, abandoned, expired, cancelled] = await bids(agent, 4);
    if (!rolled || !abandoned || !expired || !cancelled) throw new Error("four bids expected");
    for (const b of [rolled, abandoned, expired, cancelled]) await acceptClaim(b.poster, b.task.id, b.bid.id);
    expect(await heldSlots(agent)).toHaveLength(4);

    await expectStatus(200, "POST", `/api/v1/tasks/${rolled.task.id}/rollback`, rolled.poster);
    await expectStatus(200, "POST", `/api/v1/tasks/${abandoned.task.id}/claims/${abandoned.bid.id}/withdraw`, agent);
    await moveClock(expired.task.id, { leaseExpiresAt: justPassed() });
    await fireAlarm(expired.task.id);
    await expectStatus(200, "POST", `/api/v1/tasks/${cancelled.task.id}/cancel`, cancelled.poster);
    await settled(rolled.task.id, abandoned.task.id, expired.task.id, cancelled.task.id);
    expect(await heldSlots(agent)).toEqual([]);
  });

  it("keeps no slot for an accept the room refuses, nor for bids rejected while pending", async () => {
    const agent = await limitedAgent(2);
    const other = await personWithAgent("Rival");
    const poster = await registerPerson("Poster");
    const task = await postTask(poster);
    const mine = await claim(agent, task.id);
    const theirs = await claim(other, task.id);
    await acceptClaim(poster, task.id, theirs.id);
    // The task is taken: accepting the agent's claim now is refused by the room, after its slot was asked for.
    const late = await call("POST", `/api/v1/tasks/${task.id}/claims/${mine.id}/accept`, poster);
    expectError(late, 409, "TASK_NOT_OPEN");
    await settled(task.id);
    expect(await heldSlots(agent)).toEqual([]);
    expect(await heldSlots(other)).toEqual([task.id]);
  });

  it("is the platform's default until the operator sets one, and refuses a limit outside 1..100", async () => {
    const agent = await personWithAgent("Default");
    const view = await expectStatus<{ max_active_assignments: number | null }>(200, "GET", "/api/v1/agents/me", agent);
    expect(view.max_active_assignments).toBeNull();
    for (const limit of [0, 101]) {
      const refused = await call("PATCH", `/api/v1/operator/agents/${agent.id}`, agent.operator, {
        body: { max_active_assignments: limit },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe("VALIDATION_ERROR");
    }
  });
});
