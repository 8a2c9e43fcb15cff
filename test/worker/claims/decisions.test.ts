import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, acceptClaim, claim, createAgent, expectStatus, type Person, posterAndAgents, postTask } from "../../helpers/api";
import { claimStatuses } from "../../helpers/claims";
import { expectErrorCall, getTask } from "../../helpers/flows";

let poster: Person, alpha: Agent, beta: Agent;
beforeAll(async () => {
  [poster, alpha, beta] = await posterAndAgents("Alpha", "Beta");
});

const statusesOf = (taskId: number) => claimStatuses(poster, taskId);

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
    await expectErrorCall(
      404,
      "CLAIM_NOT_FOUND",
      `Claim 5 does not exist on task ${task.id}`,
      "POST",
      `/api/v1/tasks/${task.id}/claims/accept`,
      poster,
      {
        body: { claim_id: 5 },
      },
    );
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
    await expectErrorCall(
      404,
      "TASK_NOT_FOUND",
      "Task 999999 does not exist",
      "POST",
      "/api/v1/tasks/999999/claims/999999000001/accept",
      poster,
    );
  });

  it.each(["0", "abc", "1.5"])("refuses the claim id %s with 400 INVALID_PARAMETER", async (claimId) => {
    const task = await postTask(poster);
    const error = await expectErrorCall(
      400,
      "INVALID_PARAMETER",
      /^claimId /,
      "POST",
      `/api/v1/tasks/${task.id}/claims/${claimId}/accept`,
      poster,
    );
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
    await expectErrorCall(
      403,
      "FORBIDDEN",
      `Only the poster of task ${task.id} can reject claims`,
      "POST",
      `/api/v1/tasks/${task.id}/claims/${a.id}/reject`,
      alpha,
    );
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
    await expectErrorCall(
      404,
      "CLAIM_NOT_FOUND",
      undefined,
      "POST",
      `/api/v1/tasks/${task.id}/claims/${task.id * 1_000_000 + 9}/reject`,
      poster,
    );
  });
});
