import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, call, claimedTask, deliver, type Person, posterAndAgents, postTask } from "../../helpers/api";
import { submitDeliverable as submit, taskWithSubmissions } from "../../helpers/deliverables";
import { expectErrorCall, getTask, taskInStatus } from "../../helpers/flows";

let poster: Person, worker: Agent, other: Agent;
beforeAll(async () => {
  [poster, worker, other] = await posterAndAgents("Worker", "Other");
});

const withSubmissions = (n: number, fields?: Record<string, unknown>) => taskWithSubmissions(poster, worker, n, fields);

describe("POST /api/v1/tasks/:id/deliverables", () => {
  it("submits a deliverable with the contract's shape and moves the task to delivered", async () => {
    const { task } = await claimedTask(poster, worker);
    const result = await submit(worker, task.id, "## Result\n\nHere is the work.");
    expect(result.status).toBe(201);
    expect(result.body.ok).toBe(true);
    const d = result.body.data;
    for (const key of ["id", "task_id", "agent_id", "content", "status", "revision_number", "submitted_at"]) {
      expect(d).toHaveProperty(key);
    }
    expect(d).toMatchObject({
      task_id: task.id,
      agent_id: worker.id,
      content: "## Result\n\nHere is the work.",
      status: "submitted",
      revision_number: 1,
    });
    expect(d.submitted_at).toMatch(/Z$/);
    expect(await getTask(poster, task.id)).toMatchObject({ status: "delivered", deliverables_count: 1 });
  });

  it("numbers each resubmission after a revision request", async () => {
    const { made } = await withSubmissions(3);
    expect(made.map((d) => d.revision_number)).toEqual([1, 2, 3]);
    expect(new Set(made.map((d) => d.id)).size).toBe(3);
  });

  it("lets the claimed agent deliver from in_progress too", async () => {
    const { task } = await taskInStatus(poster, worker, "in_progress");
    const d = await deliver(worker, task.id);
    expect(d).toMatchObject({ status: "submitted", revision_number: 1 });
  });

  it("refuses an agent that does not hold the task with 403 NOT_CLAIMED_BY_YOU", async () => {
    const { task } = await claimedTask(poster, worker);
    const error = await expectErrorCall(
      403,
      "NOT_CLAIMED_BY_YOU",
      `Task ${task.id} is not claimed by your agent`,
      "POST",
      `/api/v1/tasks/${task.id}/deliverables`,
      other,
      { body: { content: "Not mine to deliver" } },
    );
    expect(error.suggestion).toContain("/api/v1/agents/me/tasks");
    expect((await getTask(poster, task.id)).status).toBe("claimed");
  });

  it("refuses a delivery on an open task with 409 INVALID_STATUS", async () => {
    const task = await postTask(poster);
    const error = await expectErrorCall(
      409,
      "INVALID_STATUS",
      `Task ${task.id} is not in a deliverable state (status: open)`,
      "POST",
      `/api/v1/tasks/${task.id}/deliverables`,
      worker,
      { body: { content: "Eager" } },
    );
    expect(error.details).toMatchObject({ current_status: "open" });
    expect(error.suggestion).toBe(`Claim the task first with POST /api/v1/tasks/${task.id}/claims`);
  });

  it("refuses a session caller with 403: delivering needs an agent", async () => {
    const { task } = await claimedTask(poster, worker);
    await expectErrorCall(
      403,
      "FORBIDDEN",
      "Submitting a deliverable requires an agent API key; this request is signed in as a person",
      "POST",
      `/api/v1/tasks/${task.id}/deliverables`,
      worker.operator,
      { body: { content: "From the dashboard" } },
    );
  });

  it.each([
    ["empty content", "", /^content must be at least 1 character/],
    ["blank content", "   \n\t ", "content must not be blank"],
    ["missing content", undefined, "content is required"],
    ["content that is not a string", 42, "content must be a string"],
    ["content of 50,001 characters", "x".repeat(50_001), "content must be at most 50000 characters"],
  ])("refuses %s with 422 VALIDATION_ERROR", async (_case, content, message) => {
    const { task } = await claimedTask(poster, worker);
    const error = await expectErrorCall(422, "VALIDATION_ERROR", message, "POST", `/api/v1/tasks/${task.id}/deliverables`, worker, {
      body: content === undefined ? {} : { content },
    });
    expect(error.details).toEqual({ field: "content" });
    expect((await getTask(poster, task.id)).deliverables_count).toBe(0);
  });

  it("accepts content of exactly 50,000 characters", async () => {
    const { task } = await claimedTask(poster, worker);
    const result = await submit(worker, task.id, "y".repeat(50_000));
    expect(result.status).toBe(201);
    expect(result.body.data.content).toHaveLength(50_000);
  });

  // Known bug (reported): refuseDelivery checks the task status before the submission count,
  // so once all max_revisions + 1 submissions are used (the task is then always `delivered`) the
  // agent gets 409 INVALID_STATUS "not in a deliverable state" instead of MAX_REVISIONS.
  it("refuses a submission beyond max_revisions + 1 with 409 MAX_REVISIONS", async () => {
    const { task, made } = await withSubmissions(3, { max_revisions: 2 });
    expect(made).toHaveLength(3);
    await expectErrorCall(
      409,
      "MAX_REVISIONS",
      "Maximum revisions reached (3 of 3 deliveries)",
      "POST",
      `/api/v1/tasks/${task.id}/deliverables`,
      worker,
      { body: { content: "A fourth attempt" } },
    );
    expect((await getTask(poster, task.id)).deliverables_count).toBe(3);
  });

  it("refuses a second submission while the first awaits the poster (max_revisions 0)", async () => {
    const { task } = await claimedTask(poster, worker, { max_revisions: 0 });
    await deliver(worker, task.id);
    const result = await call("POST", `/api/v1/tasks/${task.id}/deliverables`, worker, { body: { content: "Again" } });
    expect(result.status).toBe(409);
    expect((await getTask(poster, task.id)).deliverables_count).toBe(1);
  });

  it("answers an unknown task with 404 TASK_NOT_FOUND", async () => {
    await expectErrorCall(404, "TASK_NOT_FOUND", "Task 999999 does not exist", "POST", "/api/v1/tasks/999999/deliverables", worker, {
      body: { content: "Into the void" },
    });
  });
});
