import { beforeAll, describe, expect, it } from "vitest";
import {
  acceptClaim,
  call,
  claim,
  createAgent,
  expectStatus,
  personWithAgent,
  postTask,
  registerPerson,
  type Agent,
  type Person,
} from "../../helpers/api";
import { expectError, expectErrorCall, getTask, taskInStatus, walkPages } from "../../helpers/flows";

interface ClaimBody {
  id: number;
  task_id: number;
  agent_id: number;
  proposed_credits: number;
  message: string | null;
  status: string;
  created_at: string;
}

interface TaskClaim extends ClaimBody {
  agent_name: string;
  agent_reputation_score: number;
}

let poster: Person;
let alpha: Agent;
let beta: Agent;

beforeAll(async () => {
  poster = await registerPerson("Poster");
  alpha = await personWithAgent("Alpha");
  beta = await personWithAgent("Beta");
});

function claimsOf(caller: Parameters<typeof call>[2], taskId: number) {
  return expectStatus<TaskClaim[]>(200, "GET", `/api/v1/tasks/${taskId}/claims?limit=100`, caller);
}

async function statusesOf(taskId: number): Promise<Record<number, string>> {
  return Object.fromEntries((await claimsOf(poster, taskId)).map((c) => [c.id, c.status]));
}

describe("POST /api/v1/tasks/:id/claims", () => {
  it("creates a pending claim with the contract's shape", async () => {
    const task = await postTask(poster, { budget_credits: 200 });
    const result = await call<ClaimBody>("POST", `/api/v1/tasks/${task.id}/claims`, alpha, {
      body: { proposed_credits: 180, message: "I have done this before." },
    });
    expect(result.status).toBe(201);
    expect(result.body.ok).toBe(true);
    expect(Object.keys(result.body.data).sort()).toEqual(
      ["id", "task_id", "agent_id", "proposed_credits", "message", "status", "created_at"].sort(),
    );
    expect(result.body.data).toMatchObject({
      task_id: task.id,
      agent_id: alpha.id,
      proposed_credits: 180,
      message: "I have done this before.",
      status: "pending",
    });
    expect(Number.isInteger(result.body.data.id) && result.body.data.id > 0).toBe(true);
    expect(result.body.data.created_at).toMatch(/Z$/);
    expect((await getTask(poster, task.id)).claims_count).toBe(1);
  });

  it("accepts a claim without a message and one proposing the whole budget", async () => {
    const task = await postTask(poster, { budget_credits: 200 });
    const bid = await expectStatus<ClaimBody>(201, "POST", `/api/v1/tasks/${task.id}/claims`, alpha, {
      body: { proposed_credits: 200 },
    });
    expect(bid).toMatchObject({ proposed_credits: 200, message: null, status: "pending" });
  });

  it("accepts a message of exactly 1000 characters", async () => {
    const task = await postTask(poster);
    const bid = await expectStatus<ClaimBody>(201, "POST", `/api/v1/tasks/${task.id}/claims`, alpha, {
      body: { proposed_credits: 50, message: "m".repeat(1000) },
    });
    expect(bid.message).toHaveLength(1000);
  });

  it("refuses a session caller with 403: claiming needs an agent", async () => {
    const task = await postTask(poster);
    const error = await expectErrorCall(
      403,
      "FORBIDDEN",
      "Claiming a task requires an agent API key; this request is signed in as a person",
      "POST",
      `/api/v1/tasks/${task.id}/claims`,
      alpha.operator,
      { body: { proposed_credits: 50 } },
    );
    expect(error.suggestion).toContain("/api/v1/operator/agents");
  });

  it("refuses a claim on a task that is not open with 409 TASK_NOT_OPEN", async () => {
    const { task } = await taskInStatus(poster, alpha, "claimed");
    const error = await expectErrorCall(
      409,
      "TASK_NOT_OPEN",
      `Task ${task.id} is not open (current status: claimed)`,
      "POST",
      `/api/v1/tasks/${task.id}/claims`,
      beta,
      { body: { proposed_credits: 50 } },
    );
    expect(error.details).toEqual({ current_status: "claimed" });
    expect(error.suggestion).toBe("Browse open tasks with GET /api/v1/tasks?status=open");
  });

  it("refuses a second pending claim by the same agent with 409 DUPLICATE_CLAIM", async () => {
    const task = await postTask(poster);
    const first = await claim(alpha, task.id, 100);
    const error = await expectErrorCall(
      409,
      "DUPLICATE_CLAIM",
      `You already have a pending claim on task ${task.id}`,
      "POST",
      `/api/v1/tasks/${task.id}/claims`,
      alpha,
      { body: { proposed_credits: 90 } },
    );
    expect(error.details).toEqual({ claim_id: first.id });
    expect((await getTask(poster, task.id)).claims_count).toBe(1);
  });

  it("refuses credits over the budget with 422 INVALID_CREDITS", async () => {
    const task = await postTask(poster, { budget_credits: 200 });
    const error = await expectErrorCall(
      422,
      "INVALID_CREDITS",
      "proposed_credits (300) exceeds task budget (200)",
      "POST",
      `/api/v1/tasks/${task.id}/claims`,
      alpha,
      { body: { proposed_credits: 300 } },
    );
    expect(error.details).toMatchObject({ field: "proposed_credits", max: 200 });
    expect(error.suggestion).toBe("Propose credits ≤ 200");
  });

  it("refuses a claim with no proposed_credits with 422 naming the field", async () => {
    const task = await postTask(poster);
    await expectErrorCall(422, "VALIDATION_ERROR", "proposed_credits is required", "POST", `/api/v1/tasks/${task.id}/claims`, alpha, {
      body: { message: "hello" },
    });
  });

  it.each([
    [0, "proposed_credits must be ≥ 1"],
    [-5, "proposed_credits must be ≥ 1"],
    ["50", "proposed_credits must be a number"],
  ])("refuses proposed_credits %j with 422 VALIDATION_ERROR", async (proposed, message) => {
    const task = await postTask(poster);
    await expectErrorCall(422, "VALIDATION_ERROR", message, "POST", `/api/v1/tasks/${task.id}/claims`, alpha, {
      body: { proposed_credits: proposed },
    });
  });

  it("refuses a claim by an agent of the task's own poster with 409 SELF_CLAIM", async () => {
    const ownAgent = await createAgent(poster);
    const task = await postTask(poster);
    await expectErrorCall(
      409,
      "SELF_CLAIM",
      `Task ${task.id} was posted by your own operator; an agent cannot claim its operator's task`,
      "POST",
      `/api/v1/tasks/${task.id}/claims`,
      ownAgent,
      { body: { proposed_credits: 50 } },
    );
    // The same holds when the agent itself posted the task.
    const ownTask = await postTask(alpha);
    await expectErrorCall(409, "SELF_CLAIM", undefined, "POST", `/api/v1/tasks/${ownTask.id}/claims`, alpha, {
      body: { proposed_credits: 50 },
    });
  });

  it("refuses a message over 1000 characters with 422 VALIDATION_ERROR", async () => {
    const task = await postTask(poster);
    const error = await expectErrorCall(
      422,
      "VALIDATION_ERROR",
      "message must be at most 1000 characters",
      "POST",
      `/api/v1/tasks/${task.id}/claims`,
      alpha,
      { body: { proposed_credits: 50, message: "m".repeat(1001) } },
    );
    expect(error.details).toEqual({ field: "message" });
  });

  it("answers a claim on an unknown task with 404 TASK_NOT_FOUND", async () => {
    await expectErrorCall(404, "TASK_NOT_FOUND", "Task 999999 does not exist", "POST", "/api/v1/tasks/999999/claims", alpha, {
      body: { proposed_credits: 50 },
    });
  });
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
    await expectErrorCall(400, "INVALID_PARAMETER", "Invalid cursor format", "GET", `/api/v1/tasks/${task.id}/claims?cursor=${cursor}`, poster);
  });

  it("answers an unknown task with 404 TASK_NOT_FOUND", async () => {
    await expectErrorCall(404, "TASK_NOT_FOUND", "Task 999999 does not exist", "GET", "/api/v1/tasks/999999/claims", poster);
  });
});

describe("accepting a claim", () => {
  it("accepts by path: the task is claimed and every other pending claim is rejected", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    const b = await claim(beta, task.id, 80);
    const decision = await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/accept`, poster);
    expect(decision).toEqual({ task_id: task.id, claim_id: a.id, agent_id: alpha.id, status: "accepted" });
    expect(await statusesOf(task.id)).toEqual({ [a.id]: "accepted", [b.id]: "rejected" });
    expect(await getTask(poster, task.id)).toMatchObject({ status: "claimed", claimed_by_agent_id: alpha.id });
  });

  it("accepts by body {claim_id} with the same effect", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    const b = await claim(beta, task.id, 80);
    const decision = await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/accept`, poster, { body: { claim_id: b.id } });
    expect(decision).toEqual({ task_id: task.id, claim_id: b.id, agent_id: beta.id, status: "accepted" });
    expect(await statusesOf(task.id)).toEqual({ [a.id]: "rejected", [b.id]: "accepted" });
    expect(await getTask(poster, task.id)).toMatchObject({ status: "claimed", claimed_by_agent_id: beta.id });
  });

  it("lets the poster's agent accept for its operator", async () => {
    const ownAgent = await createAgent(poster);
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    const decision = await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/accept`, ownAgent);
    expect(decision).toMatchObject({ claim_id: a.id, status: "accepted" });
  });

  it("refuses the body form without claim_id with 422", async () => {
    const task = await postTask(poster);
    await expectErrorCall(422, "VALIDATION_ERROR", "claim_id is required", "POST", `/api/v1/tasks/${task.id}/claims/accept`, poster, {
      body: {},
    });
  });

  it("refuses a non-poster with 403 in both forms", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    const message = `Only the poster of task ${task.id} can accept claims`;
    await expectErrorCall(403, "FORBIDDEN", message, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/accept`, beta);
    await expectErrorCall(403, "FORBIDDEN", message, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/accept`, alpha);
    await expectErrorCall(403, "FORBIDDEN", message, "POST", `/api/v1/tasks/${task.id}/claims/accept`, beta.operator, {
      body: { claim_id: a.id },
    });
    expect((await getTask(poster, task.id)).status).toBe("open");
  });

  it("answers an unknown claim with 404 CLAIM_NOT_FOUND", async () => {
    const task = await postTask(poster);
    const missing = task.id * 1_000_000 + 77;
    const error = await expectErrorCall(
      404,
      "CLAIM_NOT_FOUND",
      `Claim ${missing} does not exist on task ${task.id}`,
      "POST",
      `/api/v1/tasks/${task.id}/claims/${missing}/accept`,
      poster,
    );
    expect(error.suggestion).toBe(`List the task's claims with GET /api/v1/tasks/${task.id}/claims`);
    await expectErrorCall(404, "CLAIM_NOT_FOUND", `Claim 5 does not exist on task ${task.id}`, "POST", `/api/v1/tasks/${task.id}/claims/accept`, poster, {
      body: { claim_id: 5 },
    });
  });

  it("answers a claim that belongs to another task with 404 CLAIM_NOT_FOUND", async () => {
    const first = await postTask(poster);
    const second = await postTask(poster);
    const onFirst = await claim(alpha, first.id, 90);
    await claim(beta, second.id, 90);
    await expectErrorCall(
      404,
      "CLAIM_NOT_FOUND",
      `Claim ${onFirst.id} does not exist on task ${second.id}`,
      "POST",
      `/api/v1/tasks/${second.id}/claims/${onFirst.id}/accept`,
      poster,
    );
    expect((await getTask(poster, second.id)).status).toBe("open");
    expect((await getTask(poster, first.id)).status).toBe("open");
  });

  it("refuses accepting on a task that is already claimed with 409 TASK_NOT_OPEN", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    const b = await claim(beta, task.id, 80);
    await acceptClaim(poster, task.id, a.id);
    await expectErrorCall(
      409,
      "TASK_NOT_OPEN",
      `Task ${task.id} is not open (current status: claimed)`,
      "POST",
      `/api/v1/tasks/${task.id}/claims/${b.id}/accept`,
      poster,
    );
  });

  it("answers an unknown task with 404 TASK_NOT_FOUND", async () => {
    await expectErrorCall(404, "TASK_NOT_FOUND", "Task 999999 does not exist", "POST", "/api/v1/tasks/999999/claims/999999000001/accept", poster);
  });

  it.each(["0", "abc", "1.5"])("refuses the claim id %s with 400 INVALID_PARAMETER", async (claimId) => {
    const task = await postTask(poster);
    const error = await expectErrorCall(400, "INVALID_PARAMETER", /^claimId /, "POST", `/api/v1/tasks/${task.id}/claims/${claimId}/accept`, poster);
    expect(error.details).toEqual({ parameter: "claimId" });
  });
});

describe("rejecting a claim", () => {
  it("rejects one pending claim and leaves the task open with the others pending", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    const b = await claim(beta, task.id, 80);
    const decision = await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/reject`, poster);
    expect(decision).toEqual({ task_id: task.id, claim_id: a.id, agent_id: alpha.id, status: "rejected" });
    expect(await statusesOf(task.id)).toEqual({ [a.id]: "rejected", [b.id]: "pending" });
    expect((await getTask(poster, task.id)).status).toBe("open");
  });

  it("lets a rejected agent bid again", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/reject`, poster);
    const again = await claim(alpha, task.id, 70);
    expect(again.id).not.toBe(a.id);
    expect(again.status).toBe("pending");
  });

  it("refuses a non-poster with 403 and a rejected claim with 409", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    await expectErrorCall(403, "FORBIDDEN", `Only the poster of task ${task.id} can reject claims`, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/reject`, alpha);
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/reject`, poster);
    const error = await expectErrorCall(
      409,
      "INVALID_STATUS",
      `Claim ${a.id} is not pending (current status: rejected)`,
      "POST",
      `/api/v1/tasks/${task.id}/claims/${a.id}/reject`,
      poster,
    );
    expect(error.details).toMatchObject({ current_status: "rejected" });
  });

  it("answers an unknown claim with 404 CLAIM_NOT_FOUND", async () => {
    const task = await postTask(poster);
    await expectErrorCall(404, "CLAIM_NOT_FOUND", undefined, "POST", `/api/v1/tasks/${task.id}/claims/${task.id * 1_000_000 + 9}/reject`, poster);
  });
});

describe("withdrawing a claim", () => {
  it("withdraws a pending claim, after which the agent may claim again", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    const w = await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/withdraw`, alpha);
    expect(w).toEqual({ task_id: task.id, claim_id: a.id, agent_id: alpha.id, status: "withdrawn", abandoned: false, task_status: "open" });
    expect(await statusesOf(task.id)).toEqual({ [a.id]: "withdrawn" });
    const again = await claim(alpha, task.id, 85);
    expect(again).toMatchObject({ status: "pending", proposed_credits: 85 });
    expect(await statusesOf(task.id)).toEqual({ [a.id]: "withdrawn", [again.id]: "pending" });
  });

  it("withdrawing the accepted claim abandons the task: back to open with no claimed agent", async () => {
    const { task, claim: accepted } = await taskInStatus(poster, alpha, "claimed");
    const id = accepted?.id ?? 0;
    const w = await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${id}/withdraw`, alpha);
    expect(w).toEqual({ task_id: task.id, claim_id: id, agent_id: alpha.id, status: "withdrawn", abandoned: true, task_status: "open" });
    expect(await getTask(poster, task.id)).toMatchObject({ status: "open", claimed_by_agent_id: null });
    expect(await statusesOf(task.id)).toEqual({ [id]: "withdrawn" });
    // Reopened: another agent can bid and be accepted.
    const b = await claim(beta, task.id, 80);
    await acceptClaim(poster, task.id, b.id);
    expect(await getTask(poster, task.id)).toMatchObject({ status: "claimed", claimed_by_agent_id: beta.id });
  });

  it("abandons an in-progress task the same way", async () => {
    const { task, claim: accepted } = await taskInStatus(poster, alpha, "in_progress");
    const w = await expectStatus<{ abandoned: boolean; task_status: string }>(
      200,
      "POST",
      `/api/v1/tasks/${task.id}/claims/${accepted?.id}/withdraw`,
      alpha,
    );
    expect(w).toMatchObject({ abandoned: true, task_status: "open" });
    expect(await getTask(poster, task.id)).toMatchObject({ status: "open", claimed_by_agent_id: null });
  });

  it("refuses withdrawing another agent's claim with 403", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    await expectErrorCall(403, "FORBIDDEN", `Claim ${a.id} belongs to another agent`, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/withdraw`, beta);
    expect(await statusesOf(task.id)).toEqual({ [a.id]: "pending" });
  });

  it("refuses withdrawing a rejected claim with 409", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/reject`, poster);
    const error = await expectErrorCall(
      409,
      "INVALID_STATUS",
      `Claim ${a.id} is not pending (current status: rejected)`,
      "POST",
      `/api/v1/tasks/${task.id}/claims/${a.id}/withdraw`,
      alpha,
    );
    expect(error.details).toEqual({ current_status: "rejected", allowed_statuses: ["pending"] });
  });

  it("refuses withdrawing twice with 409", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/withdraw`, alpha);
    await expectErrorCall(409, "INVALID_STATUS", `Claim ${a.id} is not pending (current status: withdrawn)`, "POST", `/api/v1/tasks/${task.id}/claims/${a.id}/withdraw`, alpha);
  });

  it("refuses a session caller with 403: withdrawing needs an agent", async () => {
    const task = await postTask(poster);
    const a = await claim(alpha, task.id, 90);
    await expectErrorCall(
      403,
      "FORBIDDEN",
      "Withdrawing a claim requires an agent API key; this request is signed in as a person",
      "POST",
      `/api/v1/tasks/${task.id}/claims/${a.id}/withdraw`,
      alpha.operator,
    );
  });

  it("refuses abandoning once the work is delivered with 409 INVALID_STATUS", async () => {
    const { task, claim: accepted } = await taskInStatus(poster, alpha, "delivered");
    const result = await call("POST", `/api/v1/tasks/${task.id}/claims/${accepted?.id}/withdraw`, alpha);
    expectError(result, 409, "INVALID_STATUS", `Task ${task.id} cannot be abandoned (current status: delivered)`);
    expect((await getTask(poster, task.id)).status).toBe("delivered");
  });
});
