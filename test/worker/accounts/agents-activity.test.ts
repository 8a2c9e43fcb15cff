import { describe, expect, it } from "vitest";
import type { Credits } from "../../helpers/agents";
import {
  acceptClaim,
  acceptDeliverable,
  call,
  claim,
  claimedTask,
  deliver,
  expectStatus,
  personWithAgent,
  postTask,
  registerPerson,
  type TaskSummary,
} from "../../helpers/api";
import type { ClaimBody } from "../../helpers/claims";
import { expectError } from "../../helpers/http";

/** A claim as GET /api/v1/agents/me/claims lists it. */
interface AgentClaim extends ClaimBody {
  task_title: string;
  task_status: string;
}

describe("GET /api/v1/agents/me/claims", () => {
  it("lists the agent's own claims, newest first, with task_title and task_status", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const rival = await personWithAgent("Rival");
    const first = await postTask(poster, { title: "First task to bid on" });
    const second = await postTask(poster, { title: "Second task to bid on" });
    const c1 = await claim(agent, first.id, 50);
    const c2 = await claim(agent, second.id, 60);
    await claim(rival, first.id, 40);
    await acceptClaim(poster, first.id, c1.id);

    const res = await call<AgentClaim[]>("GET", "/api/v1/agents/me/claims", agent);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(2);
    expect(res.body.data.map((c) => c.id)).toEqual([c2.id, c1.id]);
    expect(res.body.data[0]).toMatchObject({
      id: c2.id,
      task_id: second.id,
      agent_id: agent.id,
      proposed_credits: 60,
      status: "pending",
      task_title: "Second task to bid on",
      task_status: "open",
    });
    expect(res.body.data[1]).toMatchObject({
      id: c1.id,
      task_id: first.id,
      status: "accepted",
      task_title: "First task to bid on",
      task_status: "claimed",
    });
    expect(res.body.meta).toMatchObject({ has_more: false, count: 2, cursor: null });
  });

  it("filters by status", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const { claim: accepted } = await claimedTask(poster, agent);
    const pendingTask = await postTask(poster);
    const pending = await claim(agent, pendingTask.id);

    const onlyPending = await expectStatus<AgentClaim[]>(200, "GET", "/api/v1/agents/me/claims?status=pending", agent);
    expect(onlyPending.map((c) => c.id)).toEqual([pending.id]);
    const onlyAccepted = await expectStatus<AgentClaim[]>(200, "GET", "/api/v1/agents/me/claims?status=accepted", agent);
    expect(onlyAccepted.map((c) => c.id)).toEqual([accepted.id]);
    const none = await expectStatus<AgentClaim[]>(200, "GET", "/api/v1/agents/me/claims?status=withdrawn", agent);
    expect(none).toEqual([]);
  });

  it("pages with cursor and has_more", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await claim(agent, (await postTask(poster)).id)).id);

    const page1 = await call<AgentClaim[]>("GET", "/api/v1/agents/me/claims?limit=2", agent);
    expect(page1.body.meta).toMatchObject({ has_more: true, count: 2 });
    const page2 = await call<AgentClaim[]>(
      "GET",
      `/api/v1/agents/me/claims?limit=2&cursor=${encodeURIComponent(page1.body.meta.cursor!)}`,
      agent,
    );
    expect(page2.body.meta).toMatchObject({ has_more: false, count: 1, cursor: null });
    expect([...page1.body.data, ...page2.body.data].map((c) => c.id)).toEqual(ids.reverse());
  });

  it("refuses an unknown status with 400 INVALID_PARAMETER listing the valid values", async () => {
    const agent = await personWithAgent();
    const error = expectError(await call("GET", "/api/v1/agents/me/claims?status=bogus", agent), 400, "INVALID_PARAMETER");
    expect(error.details?.parameter).toBe("status");
    expect(error.message).toContain("status");
    expect(error.suggestion).toContain("pending");
  });

  it("refuses a signed-in person with 403", async () => {
    expectError(
      await call("GET", "/api/v1/agents/me/claims", await registerPerson("Human")),
      403,
      "FORBIDDEN",
      /requires an agent API key/,
    );
  });
});

describe("GET /api/v1/agents/me/tasks", () => {
  it("lists the tasks the agent holds, not ones it only bid on or another agent holds", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const rival = await personWithAgent("Rival");
    const { task: held } = await claimedTask(poster, agent, { title: "The held task" });
    const bidOnly = await postTask(poster);
    await claim(agent, bidOnly.id);
    await claimedTask(poster, rival);

    const res = await call<TaskSummary[]>("GET", "/api/v1/agents/me/tasks", agent);
    expect(res.status).toBe(200);
    expect(res.body.data.map((t) => t.id)).toEqual([held.id]);
    expect(res.body.data[0]).toMatchObject({
      id: held.id,
      title: "The held task",
      status: "claimed",
      budget_credits: 200,
      poster: { id: poster.id, name: "Poster" },
    });
    expect(res.body.meta).toMatchObject({ count: 1, has_more: false, cursor: null });
  });

  it("filters by status", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const { task: done } = await claimedTask(poster, agent);
    const work = await deliver(agent, done.id);
    await acceptDeliverable(poster, done.id, work.id);
    const { task: current } = await claimedTask(poster, agent);

    const all = await expectStatus<TaskSummary[]>(200, "GET", "/api/v1/agents/me/tasks", agent);
    expect(all.map((t) => t.id)).toEqual([current.id, done.id]);
    const completed = await expectStatus<TaskSummary[]>(200, "GET", "/api/v1/agents/me/tasks?status=completed", agent);
    expect(completed.map((t) => [t.id, t.status])).toEqual([[done.id, "completed"]]);
    const claimed = await expectStatus<TaskSummary[]>(200, "GET", "/api/v1/agents/me/tasks?status=claimed", agent);
    expect(claimed.map((t) => t.id)).toEqual([current.id]);
  });

  it("refuses an unknown status with 400 INVALID_PARAMETER", async () => {
    const agent = await personWithAgent();
    const error = expectError(await call("GET", "/api/v1/agents/me/tasks?status=finished", agent), 400, "INVALID_PARAMETER");
    expect(error.details?.parameter).toBe("status");
  });
});

describe("GET /api/v1/agents/me/credits", () => {
  it("returns the operator's balance and ledger", async () => {
    const agent = await personWithAgent();
    const res = await call<Credits>("GET", "/api/v1/agents/me/credits", agent);
    expect(res.status).toBe(200);
    expect(res.body.data.credit_balance).toBe(600);
    expect(res.body.data.transactions.map((t) => [t.amount, t.type, t.balance_after])).toEqual([
      [100, "bonus", 600],
      [500, "bonus", 500],
    ]);
    expect(res.body.meta).toMatchObject({ count: 2, has_more: false, cursor: null });
  });

  it("includes the payment for a completed task with its task_id", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const { task } = await claimedTask(poster, agent, { budget_credits: 100 });
    const work = await deliver(agent, task.id);
    await acceptDeliverable(poster, task.id, work.id);

    const credits = await expectStatus<Credits>(200, "GET", "/api/v1/agents/me/credits", agent);
    expect(credits.credit_balance).toBe(690);
    expect(credits.transactions[0]).toMatchObject({ amount: 90, type: "payment", task_id: task.id, balance_after: 690 });
  });

  it("pages the transactions with cursor and has_more", async () => {
    const agent = await personWithAgent();
    const page1 = await call<Credits>("GET", "/api/v1/agents/me/credits?limit=1", agent);
    expect(page1.status).toBe(200);
    expect(page1.body.data.transactions.map((t) => t.balance_after)).toEqual([600]);
    expect(page1.body.meta).toMatchObject({ count: 1, has_more: true });
    expect(typeof page1.body.meta.cursor).toBe("string");

    const page2 = await call<Credits>(
      "GET",
      `/api/v1/agents/me/credits?limit=1&cursor=${encodeURIComponent(page1.body.meta.cursor ?? "")}`,
      agent,
    );
    expect(page2.body.data.transactions.map((t) => t.balance_after)).toEqual([500]);
    expect(page2.body.meta).toMatchObject({ count: 1, has_more: false, cursor: null });
  });

  it("refuses a limit above 100 with 400 INVALID_PARAMETER", async () => {
    const agent = await personWithAgent();
    const error = expectError(await call("GET", "/api/v1/agents/me/credits?limit=500", agent), 400, "INVALID_PARAMETER");
    expect(error.details?.parameter).toBe("limit");
  });
});
