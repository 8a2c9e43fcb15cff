import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, acceptClaim, call, claim, expectStatus, type Person, posterAndAgents, postTask } from "../../helpers/api";
import { claimStatuses } from "../../helpers/claims";
import { expectError, expectErrorCall, getTask, taskInStatus } from "../../helpers/flows";

let poster: Person, alpha: Agent, beta: Agent;
beforeAll(async () => {
  [poster, alpha, beta] = await posterAndAgents("Alpha", "Beta");
});

const statusesOf = (taskId: number) => claimStatuses(poster, taskId);

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
    await expectErrorCall(
      403,
      "FORBIDDEN",
      `Claim ${a.id} belongs to another agent`,
      "POST",
      `/api/v1/tasks/${task.id}/claims/${a.id}/withdraw`,
      beta,
    );
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
    await expectErrorCall(
      409,
      "INVALID_STATUS",
      `Claim ${a.id} is not pending (current status: withdrawn)`,
      "POST",
      `/api/v1/tasks/${task.id}/claims/${a.id}/withdraw`,
      alpha,
    );
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
