import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, call, claim, createAgent, expectStatus, type Person, posterAndAgents, postTask } from "../../helpers/api";
import type { ClaimBody } from "../../helpers/claims";
import { expectErrorCall, getTask, taskInStatus } from "../../helpers/flows";

let poster: Person, alpha: Agent, beta: Agent;
beforeAll(async () => {
  [poster, alpha, beta] = await posterAndAgents("Alpha", "Beta");
});

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
