import { beforeAll, describe, expect, it } from "vitest";
import {
  type Agent,
  acceptClaim,
  acceptDeliverable,
  balanceOf,
  call,
  claim,
  deliver,
  expectStatus,
  type Person,
  personWithAgent,
  postTask,
  registerPerson,
  type TaskView,
} from "../../helpers/api";
import { expectErrorCall, getTask, type LifecycleStatus, taskInStatus, walkPages } from "../../helpers/flows";

interface StatusChange {
  task_id: number;
  previous_status: string;
  status: string;
  previous_agent_id: number | null;
}

let poster: Person;
let worker: Agent;
let other: Agent;

beforeAll(async () => {
  poster = await registerPerson("Poster");
  worker = await personWithAgent("Worker");
  other = await personWithAgent("Other");
});

async function claimStatuses(taskId: number): Promise<Record<number, string>> {
  const claims = await expectStatus<{ id: number; status: string }[]>(200, "GET", `/api/v1/tasks/${taskId}/claims?limit=100`, poster);
  return Object.fromEntries(claims.map((c) => [c.id, c.status]));
}

describe("POST /api/v1/tasks/:id/start", () => {
  it("moves a claimed task to in_progress for the claimed agent and returns the task", async () => {
    const { task } = await taskInStatus(poster, worker, "claimed");
    const started = await expectStatus<TaskView>(200, "POST", `/api/v1/tasks/${task.id}/start`, worker);
    expect(started).toMatchObject({ id: task.id, status: "in_progress", claimed_by_agent_id: worker.id });
    expect(started.next_actions.map((a) => a.action)).toEqual(["heartbeat", "post_subtask", "deliver", "abandon"]);
    expect((await getTask(poster, task.id)).status).toBe("in_progress");
  });

  it("is idempotent: starting an in-progress task again changes nothing", async () => {
    const { task } = await taskInStatus(poster, worker, "claimed");
    const first = await expectStatus<TaskView>(200, "POST", `/api/v1/tasks/${task.id}/start`, worker);
    const second = await expectStatus<TaskView>(200, "POST", `/api/v1/tasks/${task.id}/start`, worker);
    expect(second.status).toBe("in_progress");
    expect(second.updated_at).toBe(first.updated_at);
  });

  it("refuses a session caller, even the claimed agent's operator, with 403", async () => {
    const { task } = await taskInStatus(poster, worker, "claimed");
    await expectErrorCall(
      403,
      "FORBIDDEN",
      "Starting a task requires an agent API key; this request is signed in as a person",
      "POST",
      `/api/v1/tasks/${task.id}/start`,
      worker.operator,
    );
    await expectErrorCall(403, "FORBIDDEN", undefined, "POST", `/api/v1/tasks/${task.id}/start`, poster);
    expect((await getTask(poster, task.id)).status).toBe("claimed");
  });

  it("refuses another agent with 403 NOT_CLAIMED_BY_YOU", async () => {
    const { task } = await taskInStatus(poster, worker, "claimed");
    await expectErrorCall(
      403,
      "NOT_CLAIMED_BY_YOU",
      `Task ${task.id} is not claimed by your agent`,
      "POST",
      `/api/v1/tasks/${task.id}/start`,
      other,
    );
    expect((await getTask(poster, task.id)).status).toBe("claimed");
  });

  it("refuses starting an open task with 403 NOT_CLAIMED_BY_YOU, even with a pending claim", async () => {
    // As implemented: the claimed-agent check comes first, and an open task has no claimed agent.
    const task = await postTask(poster);
    await claim(worker, task.id, 100);
    await expectErrorCall(
      403,
      "NOT_CLAIMED_BY_YOU",
      `Task ${task.id} is not claimed by your agent`,
      "POST",
      `/api/v1/tasks/${task.id}/start`,
      worker,
    );
    expect((await getTask(poster, task.id)).status).toBe("open");
  });

  it("refuses starting a delivered task with 409 INVALID_STATUS", async () => {
    const { task } = await taskInStatus(poster, worker, "delivered");
    const error = await expectErrorCall(
      409,
      "INVALID_STATUS",
      `Task ${task.id} cannot be started (current status: delivered)`,
      "POST",
      `/api/v1/tasks/${task.id}/start`,
      worker,
    );
    expect(error.details).toEqual({ current_status: "delivered", allowed_statuses: ["claimed", "in_progress"] });
  });

  it("answers an unknown task with 404 TASK_NOT_FOUND", async () => {
    await expectErrorCall(404, "TASK_NOT_FOUND", "Task 999999 does not exist", "POST", "/api/v1/tasks/999999/start", worker);
  });
});

describe("POST /api/v1/tasks/:id/cancel", () => {
  it("cancels an open task and rejects its pending claims", async () => {
    const task = await postTask(poster);
    const a = await claim(worker, task.id, 100);
    const b = await claim(other, task.id, 90);
    const change = await expectStatus<StatusChange>(200, "POST", `/api/v1/tasks/${task.id}/cancel`, poster);
    expect(change).toEqual({ task_id: task.id, previous_status: "open", status: "cancelled", previous_agent_id: null });
    expect(await claimStatuses(task.id)).toEqual({ [a.id]: "rejected", [b.id]: "rejected" });
    const seen = await getTask(poster, task.id);
    expect(seen).toMatchObject({ status: "cancelled", claimed_by_agent_id: null });
    expect(seen.next_actions).toEqual([]);
  });

  it.each<LifecycleStatus>(["claimed", "in_progress"])("cancels a %s task, reporting the agent that held it", async (status) => {
    const { task } = await taskInStatus(poster, worker, status);
    const change = await expectStatus<StatusChange>(200, "POST", `/api/v1/tasks/${task.id}/cancel`, poster);
    expect(change).toEqual({ task_id: task.id, previous_status: status, status: "cancelled", previous_agent_id: worker.id });
    expect((await getTask(poster, task.id)).status).toBe("cancelled");
    // The agent can no longer deliver.
    const late = await call("POST", `/api/v1/tasks/${task.id}/deliverables`, worker, { body: { content: "Too late" } });
    expect(late.status).toBe(409);
  });

  it.each<LifecycleStatus>(["completed", "cancelled", "disputed"])(
    "refuses cancelling a %s task with 409 INVALID_STATUS",
    async (status) => {
      const { task } = await taskInStatus(poster, worker, status);
      const error = await expectErrorCall(
        409,
        "INVALID_STATUS",
        `Task ${task.id} cannot be cancelled (current status: ${status})`,
        "POST",
        `/api/v1/tasks/${task.id}/cancel`,
        poster,
      );
      expect(error.details).toEqual({ current_status: status, allowed_statuses: ["open", "claimed", "in_progress"] });
      expect((await getTask(poster, task.id)).status).toBe(status);
    },
  );

  it("refuses cancelling a delivered task with 409, pointing at the deliverable decision", async () => {
    const { task } = await taskInStatus(poster, worker, "delivered");
    const error = await expectErrorCall(
      409,
      "INVALID_STATUS",
      `Task ${task.id} cannot be cancelled (current status: delivered)`,
      "POST",
      `/api/v1/tasks/${task.id}/cancel`,
      poster,
    );
    expect(error.details).toMatchObject({ current_status: "delivered" });
    expect(error.suggestion).toContain(`/api/v1/tasks/${task.id}/deliverables`);
  });

  it("refuses anyone but the poster with 403", async () => {
    const { task } = await taskInStatus(poster, worker, "claimed");
    const message = `Only the poster of task ${task.id} can cancel it`;
    await expectErrorCall(403, "FORBIDDEN", message, "POST", `/api/v1/tasks/${task.id}/cancel`, worker);
    await expectErrorCall(403, "FORBIDDEN", message, "POST", `/api/v1/tasks/${task.id}/cancel`, worker.operator);
    expect((await getTask(poster, task.id)).status).toBe("claimed");
  });

  it("takes a cancelled task out of every browse listing and refuses new claims", async () => {
    const marker = 8811;
    const task = await postTask(poster, { budget_credits: marker });
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/cancel`, poster);
    for (const status of ["open", "claimed", "in_progress", "delivered", "completed"]) {
      const { items } = await walkPages<{ id: number }>(`/api/v1/tasks?status=${status}&min_budget=${marker}&max_budget=${marker}`, worker);
      expect(items).toEqual([]);
    }
    await expectErrorCall(
      409,
      "TASK_NOT_OPEN",
      `Task ${task.id} is not open (current status: cancelled)`,
      "POST",
      `/api/v1/tasks/${task.id}/claims`,
      worker,
      { body: { proposed_credits: 10 } },
    );
  });

  it("answers an unknown task with 404 TASK_NOT_FOUND", async () => {
    await expectErrorCall(404, "TASK_NOT_FOUND", "Task 999999 does not exist", "POST", "/api/v1/tasks/999999/cancel", poster);
  });
});

describe("POST /api/v1/tasks/:id/rollback", () => {
  it.each<LifecycleStatus>(["claimed", "in_progress"])(
    "reopens a %s task, names the previous agent and rejects its accepted claim",
    async (status) => {
      const { task, claim: accepted } = await taskInStatus(poster, worker, status);
      const change = await expectStatus<StatusChange>(200, "POST", `/api/v1/tasks/${task.id}/rollback`, poster);
      expect(change).toEqual({ task_id: task.id, previous_status: status, status: "open", previous_agent_id: worker.id });
      expect(await getTask(poster, task.id)).toMatchObject({ status: "open", claimed_by_agent_id: null });
      expect(await claimStatuses(task.id)).toEqual({ [accepted?.id ?? 0]: "rejected" });
    },
  );

  it("refuses rolling back an open task with 409 TASK_NOT_CLAIMED, as other TaskHive servers do, and suggests /cancel", async () => {
    const task = await postTask(poster);
    const error = await expectErrorCall(
      409,
      "TASK_NOT_CLAIMED",
      `Task ${task.id} is not claimed (current status: open)`,
      "POST",
      `/api/v1/tasks/${task.id}/rollback`,
      poster,
    );
    expect(error.suggestion).toContain(`POST /api/v1/tasks/${task.id}/cancel`);
    expect(error.details).toEqual({ current_status: "open" });
    expect((await getTask(poster, task.id)).status).toBe("open");
  });

  it.each<LifecycleStatus>(["delivered", "completed", "cancelled"])("refuses rolling back a %s task with 409", async (status) => {
    const { task } = await taskInStatus(poster, worker, status);
    const error = await expectErrorCall(
      409,
      "INVALID_STATUS",
      `Task ${task.id} cannot be rolled back (current status: ${status})`,
      "POST",
      `/api/v1/tasks/${task.id}/rollback`,
      poster,
    );
    expect(error.details).toMatchObject({ current_status: status });
    expect((await getTask(poster, task.id)).status).toBe(status);
  });

  it("refuses anyone but the poster with 403", async () => {
    const { task } = await taskInStatus(poster, worker, "claimed");
    await expectErrorCall(
      403,
      "FORBIDDEN",
      `Only the poster of task ${task.id} can roll it back`,
      "POST",
      `/api/v1/tasks/${task.id}/rollback`,
      worker,
    );
    await expectErrorCall(403, "FORBIDDEN", undefined, "POST", `/api/v1/tasks/${task.id}/rollback`, other.operator);
    expect((await getTask(poster, task.id)).status).toBe("claimed");
  });

  it("lets another agent claim and complete the task after a rollback, paying that agent's operator", async () => {
    const { task } = await taskInStatus(poster, worker, "in_progress", { budget_credits: 400 });
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/rollback`, poster);

    const bid = await claim(other, task.id, 350);
    await acceptClaim(poster, task.id, bid.id);
    expect(await getTask(poster, task.id)).toMatchObject({ status: "claimed", claimed_by_agent_id: other.id });

    // The rolled-back agent no longer holds the task.
    await expectErrorCall(
      403,
      "NOT_CLAIMED_BY_YOU",
      `Task ${task.id} is not claimed by your agent`,
      "POST",
      `/api/v1/tasks/${task.id}/deliverables`,
      worker,
      { body: { content: "Still trying" } },
    );

    const firstBefore = await balanceOf(worker.operator);
    const secondBefore = await balanceOf(other.operator);
    const work = await deliver(other, task.id, "Completed after the rollback");
    expect(work.revision_number).toBe(1);
    const paid = await acceptDeliverable(poster, task.id, work.id);
    expect(paid).toMatchObject({ credits_paid: 360, platform_fee: 40 });
    expect(await balanceOf(other.operator)).toBe(secondBefore + 360);
    expect(await balanceOf(worker.operator)).toBe(firstBefore);
    expect((await getTask(poster, task.id)).status).toBe("completed");
  });

  it("answers an unknown task with 404 TASK_NOT_FOUND", async () => {
    await expectErrorCall(404, "TASK_NOT_FOUND", "Task 999999 does not exist", "POST", "/api/v1/tasks/999999/rollback", poster);
  });
});
