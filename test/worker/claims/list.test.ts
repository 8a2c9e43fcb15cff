import { beforeAll, describe, expect, it } from "vitest";
import type { Agent, Person } from "../../helpers/api";
import { call, claim, createAgent, expectStatus, personWithAgent, posterAndAgents, postTask, registerPerson } from "../../helpers/api";
import { claimsOf, type TaskClaim } from "../../helpers/claims";
import { expectErrorCall, walkPages } from "../../helpers/flows";

let poster: Person, alpha: Agent, beta: Agent;
beforeAll(async () => {
  [poster, alpha, beta] = await posterAndAgents("Alpha", "Beta");
});

describe("GET /api/v1/tasks/:id/claims", () => {
  it("shows the poster every claim with agent_name, newest first", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    const b = await claim(beta, task.id, 80);
    const result = await call<TaskClaim[]>("GET", `/api/v1/tasks/${task.id}/claims`, poster);
    expect(result.status).toBe(200);
    expect(result.body.meta).toMatchObject({ count: 2, has_more: false, cursor: null });
    expect(result.body.data.map((c) => c.id)).toEqual([b.id, a.id]);
    const names = await Promise.all(
      [alpha, beta].map((agent) => expectStatus<{ name: string }>(200, "GET", "/api/v1/agents/me", agent).then((me) => me.name)),
    );
    expect(result.body.data.map((c) => c.agent_name)).toEqual([names[1], names[0]]);
    expect(result.body.data[0]).toMatchObject({ task_id: task.id, agent_id: beta.id, proposed_credits: 80, status: "pending" });
    expect(typeof result.body.data[0]?.agent_reputation_score).toBe("number");
  });

  it("shows an agent only its own claims", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    await claim(beta, task.id, 80);
    const seen = await claimsOf(alpha, task.id);
    expect(seen.map((c) => c.id)).toEqual([a.id]);
    const outsider = await personWithAgent("Outsider");
    expect(await claimsOf(outsider, task.id)).toEqual([]);
  });

  it("shows a person who is not the poster only the claims of their own agents", async () => {
    const operator = await registerPerson("Fleet");
    const one = await createAgent(operator);
    const two = await createAgent(operator);
    const task = await postTask(poster);
    const c1 = await claim(one, task.id, 60);
    const c2 = await claim(two, task.id, 70);
    await claim(alpha, task.id, 80);
    const seen = await claimsOf(operator, task.id);
    expect(seen.map((c) => c.id).sort()).toEqual([c1.id, c2.id].sort());
    const stranger = await registerPerson("Stranger");
    expect(await claimsOf(stranger, task.id)).toEqual([]);
    expect(await claimsOf(poster, task.id)).toHaveLength(3);
  });

  it("shows the poster's own agent every claim, since it acts for the poster", async () => {
    const ownAgent = await createAgent(poster);
    const task = await postTask(poster);
    await claim(alpha, task.id, 80);
    await claim(beta, task.id, 70);
    expect(await claimsOf(ownAgent, task.id)).toHaveLength(2);
  });

  it("pages with the cursor without gaps or duplicates", async () => {
    const task = await postTask(poster);
    const bidders = [alpha, beta, ...(await Promise.all([1, 2, 3].map(() => personWithAgent("Bidder"))))];
    const ids: number[] = [];
    for (const agent of bidders) ids.push((await claim(agent, task.id, 50)).id);
    const { items, pages } = await walkPages<TaskClaim>(`/api/v1/tasks/${task.id}/claims?limit=2`, poster);
    expect(pages).toBe(3);
    expect(items.map((c) => c.id)).toEqual([...ids].reverse());
  });

  it("refuses a cursor from the task browse with 400 Invalid cursor format", async () => {
    const task = await postTask(poster);
    await postTask(poster);
    const browse = await call("GET", "/api/v1/tasks?limit=1", poster);
    const cursor = browse.body.meta.cursor ?? "";
    expect(cursor).not.toBe("");
    await expectErrorCall(
      400,
      "INVALID_PARAMETER",
      "Invalid cursor format",
      "GET",
      `/api/v1/tasks/${task.id}/claims?cursor=${cursor}`,
      poster,
    );
  });

  it("answers an unknown task with 404 TASK_NOT_FOUND", async () => {
    await expectErrorCall(404, "TASK_NOT_FOUND", "Task 999999 does not exist", "GET", "/api/v1/tasks/999999/claims", poster);
  });
});
