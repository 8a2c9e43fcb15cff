import { beforeAll, describe, expect, it } from "vitest";
import type { Agent, Person } from "../../helpers/api";
import { acceptDeliverable, balanceOf, claimedTask, deliver, expectStatus, posterAndAgents, registerPerson } from "../../helpers/api";
import { listDeliverables, requestRevisionBy, taskWithSubmissions } from "../../helpers/deliverables";
import { expectErrorCall, getTask } from "../../helpers/flows";

let poster: Person, worker: Agent, other: Agent;
beforeAll(async () => {
  [poster, worker, other] = await posterAndAgents("Worker", "Other");
});

const requestRevision = (taskId: number, deliverableId: number) => requestRevisionBy(poster, taskId, deliverableId);
const withSubmissions = (n: number, fields?: Record<string, unknown>) => taskWithSubmissions(poster, worker, n, fields);

describe("accepting a deliverable", () => {
  it("accepts by path: completes the task and pays the operator the budget less 10%", async () => {
    const { task } = await claimedTask(poster, worker, { budget_credits: 200 });
    const d = await deliver(worker, task.id);
    const before = await balanceOf(worker.operator);
    const posterBefore = await balanceOf(poster);
    const result = await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${d.id}/accept`, poster);
    expect(result).toEqual({ task_id: task.id, deliverable_id: d.id, status: "completed", credits_paid: 180, platform_fee: 20 });
    expect(await balanceOf(worker.operator)).toBe(before + 180);
    expect(await balanceOf(poster)).toBe(posterBefore);
    expect((await getTask(poster, task.id)).status).toBe("completed");
    expect((await listDeliverables(poster, task.id))[0]?.status).toBe("accepted");
  });

  it("accepts by body {deliverable_id}, flooring the fee", async () => {
    const { task } = await claimedTask(poster, worker, { budget_credits: 155 });
    const d = await deliver(worker, task.id);
    const before = await balanceOf(worker.operator);
    const result = await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/accept`, poster, {
      body: { deliverable_id: d.id },
    });
    expect(result).toEqual({ task_id: task.id, deliverable_id: d.id, status: "completed", credits_paid: 140, platform_fee: 15 });
    expect(await balanceOf(worker.operator)).toBe(before + 140);
    expect((await getTask(poster, task.id)).status).toBe("completed");
  });

  it("refuses a second accept with 409 and pays only once", async () => {
    const { task } = await claimedTask(poster, worker, { budget_credits: 300 });
    const d = await deliver(worker, task.id);
    const before = await balanceOf(worker.operator);
    await acceptDeliverable(poster, task.id, d.id);
    await expectErrorCall(
      409,
      "INVALID_STATUS",
      `Task ${task.id} cannot have a deliverable accepted (current status: completed)`,
      "POST",
      `/api/v1/tasks/${task.id}/deliverables/${d.id}/accept`,
      poster,
    );
    await expectErrorCall(409, "INVALID_STATUS", undefined, "POST", `/api/v1/tasks/${task.id}/deliverables/accept`, poster, {
      body: { deliverable_id: d.id },
    });
    expect(await balanceOf(worker.operator)).toBe(before + 270);
  });

  it("refuses accepting a deliverable already sent back for revision with 409", async () => {
    const { task, made } = await withSubmissions(2);
    await expectErrorCall(
      409,
      "INVALID_STATUS",
      `Deliverable ${made[0]?.id} is not awaiting review (current status: revision_requested)`,
      "POST",
      `/api/v1/tasks/${task.id}/deliverables/${made[0]?.id}/accept`,
      poster,
    );
  });

  it("answers 409 INVALID_STATUS while the task is not delivered, before looking the deliverable up (as other TaskHive servers do)", async () => {
    const { task } = await claimedTask(poster, worker);
    const missing = task.id * 1_000_000 + 42;
    for (const [action, body] of [
      ["accept", undefined],
      ["revision", { revision_notes: "More, please" }],
    ] as const) {
      const error = await expectErrorCall(
        409,
        "INVALID_STATUS",
        undefined,
        "POST",
        `/api/v1/tasks/${task.id}/deliverables/${missing}/${action}`,
        poster,
        { body },
      );
      expect(error.details).toMatchObject({ current_status: "claimed", allowed_statuses: ["delivered"] });
    }
    expect((await getTask(poster, task.id)).status).toBe("claimed");
  });

  it("answers an unknown deliverable with 404 DELIVERABLE_NOT_FOUND", async () => {
    const { task } = await claimedTask(poster, worker);
    await deliver(worker, task.id);
    const missing = task.id * 1_000_000 + 42;
    await expectErrorCall(
      404,
      "DELIVERABLE_NOT_FOUND",
      `Deliverable ${missing} does not exist on task ${task.id}`,
      "POST",
      `/api/v1/tasks/${task.id}/deliverables/${missing}/accept`,
      poster,
    );
  });

  it("refuses the body form without deliverable_id with 422", async () => {
    const { task } = await claimedTask(poster, worker);
    await expectErrorCall(
      422,
      "VALIDATION_ERROR",
      "deliverable_id is required",
      "POST",
      `/api/v1/tasks/${task.id}/deliverables/accept`,
      poster,
      {
        body: {},
      },
    );
  });
});

describe("requesting a revision", () => {
  it("by path: the task goes back to in_progress, the notes are stored, and submissions_remaining is reported", async () => {
    const { task } = await claimedTask(poster, worker, { max_revisions: 2 });
    const d = await deliver(worker, task.id);
    const result = await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${d.id}/revision`, poster, {
      body: { revision_notes: "Add a comparison table" },
    });
    expect(result).toEqual({
      task_id: task.id,
      deliverable_id: d.id,
      status: "revision_requested",
      revision_notes: "Add a comparison table",
      submissions_remaining: 2,
    });
    expect((await getTask(poster, task.id)).status).toBe("in_progress");
    const [stored] = await listDeliverables(worker, task.id);
    expect(stored).toMatchObject({ id: d.id, status: "revision_requested", revision_notes: "Add a comparison table" });
  });

  it("by body {deliverable_id, revision_notes} with the same effect", async () => {
    const { task } = await claimedTask(poster, worker, { max_revisions: 2 });
    const first = await deliver(worker, task.id);
    await requestRevision(task.id, first.id);
    const second = await deliver(worker, task.id);
    const result = await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/revision`, poster, {
      body: { deliverable_id: second.id, revision_notes: "Fix the typos" },
    });
    expect(result).toEqual({
      task_id: task.id,
      deliverable_id: second.id,
      status: "revision_requested",
      revision_notes: "Fix the typos",
      submissions_remaining: 1,
    });
    expect((await getTask(poster, task.id)).status).toBe("in_progress");
    const stored = await listDeliverables(poster, task.id);
    expect(stored[1]).toMatchObject({ id: second.id, status: "revision_requested", revision_notes: "Fix the typos" });
  });

  it("refuses once no submission remains with 409 MAX_REVISIONS", async () => {
    const { task, made } = await withSubmissions(3, { max_revisions: 2 });
    const last = made[2]?.id ?? 0;
    const error = await expectErrorCall(
      409,
      "MAX_REVISIONS",
      `No revision left on task ${task.id} (3 of 3 deliveries used)`,
      "POST",
      `/api/v1/tasks/${task.id}/deliverables/${last}/revision`,
      poster,
      { body: { revision_notes: "One more time" } },
    );
    expect(error.details).toEqual({ used: 3, allowed: 3 });
    expect(error.suggestion).toContain(`/api/v1/tasks/${task.id}/deliverables/${last}/accept`);
    await expectErrorCall(409, "MAX_REVISIONS", undefined, "POST", `/api/v1/tasks/${task.id}/deliverables/revision`, poster, {
      body: { deliverable_id: last, revision_notes: "One more time" },
    });
    expect((await getTask(poster, task.id)).status).toBe("delivered");
  });

  it("refuses a revision on a task with max_revisions 0 with 409 MAX_REVISIONS", async () => {
    const { task } = await claimedTask(poster, worker, { max_revisions: 0 });
    const d = await deliver(worker, task.id);
    await expectErrorCall(
      409,
      "MAX_REVISIONS",
      `No revision left on task ${task.id} (1 of 1 deliveries used)`,
      "POST",
      `/api/v1/tasks/${task.id}/deliverables/${d.id}/revision`,
      poster,
      { body: { revision_notes: "Again" } },
    );
  });

  it.each([
    ["missing notes", {}, "revision_notes is required"],
    ["blank notes", { revision_notes: "   " }, /^revision_notes must be at least 1 character/],
    ["notes of 5001 characters", { revision_notes: "n".repeat(5001) }, "revision_notes must be at most 5000 characters"],
  ])("refuses %s with 422 VALIDATION_ERROR", async (_case, body, message) => {
    const { task } = await claimedTask(poster, worker);
    const d = await deliver(worker, task.id);
    await expectErrorCall(422, "VALIDATION_ERROR", message, "POST", `/api/v1/tasks/${task.id}/deliverables/${d.id}/revision`, poster, {
      body,
    });
    expect((await getTask(poster, task.id)).status).toBe("delivered");
  });
});

describe("rejecting the final deliverable", () => {
  it("rejects when no submission remains: the task becomes disputed", async () => {
    const { task, made } = await withSubmissions(2, { max_revisions: 1 });
    const last = made[1]?.id ?? 0;
    const before = await balanceOf(worker.operator);
    const result = await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${last}/reject`, poster, {
      body: { reason: "Still misses the brief" },
    });
    expect(result).toEqual({
      task_id: task.id,
      deliverable_id: last,
      status: "rejected",
      task_status: "disputed",
      reason: "Still misses the brief",
    });
    expect((await getTask(poster, task.id)).status).toBe("disputed");
    expect((await listDeliverables(poster, task.id))[1]?.status).toBe("rejected");
    expect(await balanceOf(worker.operator)).toBe(before);
  });

  it("refuses rejecting while submissions remain with 409 REVISIONS_REMAINING", async () => {
    const { task } = await claimedTask(poster, worker, { max_revisions: 2 });
    const d = await deliver(worker, task.id);
    const error = await expectErrorCall(
      409,
      "REVISIONS_REMAINING",
      `Task ${task.id} still allows 2 more deliveries; rejecting for good is only for the final one`,
      "POST",
      `/api/v1/tasks/${task.id}/deliverables/${d.id}/reject`,
      poster,
      { body: { reason: "Not good" } },
    );
    expect(error.details).toEqual({ remaining: 2 });
    expect(error.suggestion).toBe(`Request a revision with POST /api/v1/tasks/${task.id}/deliverables/${d.id}/revision`);
    expect((await getTask(poster, task.id)).status).toBe("delivered");
  });

  it("refuses a rejection without a reason with 422", async () => {
    const { task } = await claimedTask(poster, worker, { max_revisions: 0 });
    const d = await deliver(worker, task.id);
    await expectErrorCall(
      422,
      "VALIDATION_ERROR",
      "reason is required",
      "POST",
      `/api/v1/tasks/${task.id}/deliverables/${d.id}/reject`,
      poster,
      {
        body: {},
      },
    );
  });
});

describe("decisions by someone other than the poster", () => {
  it("refuses accept, revision and reject from the claimed agent, another agent and another person with 403", async () => {
    const { task } = await claimedTask(poster, worker, { max_revisions: 0 });
    const d = await deliver(worker, task.id);
    const base = `/api/v1/tasks/${task.id}/deliverables`;
    const stranger = await registerPerson("Stranger");
    for (const caller of [worker, other, stranger, worker.operator]) {
      await expectErrorCall(
        403,
        "FORBIDDEN",
        `Only the poster of task ${task.id} can accept deliverables`,
        "POST",
        `${base}/${d.id}/accept`,
        caller,
      );
      await expectErrorCall(
        403,
        "FORBIDDEN",
        `Only the poster of task ${task.id} can accept deliverables`,
        "POST",
        `${base}/accept`,
        caller,
        {
          body: { deliverable_id: d.id },
        },
      );
      await expectErrorCall(
        403,
        "FORBIDDEN",
        `Only the poster of task ${task.id} can request revisions`,
        "POST",
        `${base}/${d.id}/revision`,
        caller,
        {
          body: { revision_notes: "Do better" },
        },
      );
      await expectErrorCall(
        403,
        "FORBIDDEN",
        `Only the poster of task ${task.id} can request revisions`,
        "POST",
        `${base}/revision`,
        caller,
        {
          body: { deliverable_id: d.id, revision_notes: "Do better" },
        },
      );
      await expectErrorCall(
        403,
        "FORBIDDEN",
        `Only the poster of task ${task.id} can reject deliverables`,
        "POST",
        `${base}/${d.id}/reject`,
        caller,
        {
          body: { reason: "Bad" },
        },
      );
    }
    expect((await getTask(poster, task.id)).status).toBe("delivered");
  });
});
