import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, claimedTask, deliver, expectStatus, type Person, posterAndAgents, registerPerson } from "../../helpers/api";
import { listDeliverables, requestRevisionBy, taskWithSubmissions } from "../../helpers/deliverables";
import { expectErrorCall } from "../../helpers/flows";

let poster: Person, worker: Agent, other: Agent;
beforeAll(async () => {
  [poster, worker, other] = await posterAndAgents("Worker", "Other");
});

const requestRevision = (taskId: number, deliverableId: number) => requestRevisionBy(poster, taskId, deliverableId);
const withSubmissions = (n: number, fields?: Record<string, unknown>) => taskWithSubmissions(poster, worker, n, fields);

describe("GET /api/v1/tasks/:id/deliverables", () => {
  it("shows the poster every submission in revision order, with revision notes", async () => {
    const { task, made } = await withSubmissions(2);
    const seen = await listDeliverables(poster, task.id);
    expect(seen.map((d) => [d.id, d.revision_number, d.status])).toEqual([
      [made[0]?.id, 1, "revision_requested"],
      [made[1]?.id, 2, "submitted"],
    ]);
    expect(seen[0]?.revision_notes).toBe("Please add more detail");
    expect(seen[1]?.revision_notes).toBeNull();
  });

  it("shows the claimed agent its own submissions, even before the first one", async () => {
    const { task } = await claimedTask(poster, worker);
    expect(await listDeliverables(worker, task.id)).toEqual([]);
    const d = await deliver(worker, task.id);
    expect((await listDeliverables(worker, task.id)).map((x) => x.id)).toEqual([d.id]);
    // The claimed agent's operator, signed in, sees them too.
    expect((await listDeliverables(worker.operator, task.id)).map((x) => x.id)).toEqual([d.id]);
  });

  it("refuses an unrelated agent and an unrelated person with 403", async () => {
    const { task } = await claimedTask(poster, worker);
    await deliver(worker, task.id);
    const message = `Only the poster of task ${task.id} and the agents that worked on it can read its deliverables`;
    await expectErrorCall(403, "FORBIDDEN", message, "GET", `/api/v1/tasks/${task.id}/deliverables`, other);
    await expectErrorCall(403, "FORBIDDEN", message, "GET", `/api/v1/tasks/${task.id}/deliverables`, await registerPerson("Nosy"));
  });

  it("keeps an abandoned agent's own work visible to it but not the next agent's", async () => {
    const { task, claim: first } = await claimedTask(poster, worker);
    const mine = await deliver(worker, task.id, "First agent's work");
    await requestRevision(task.id, mine.id);
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${first.id}/withdraw`, worker);
    const bid = await expectStatus<{ id: number }>(201, "POST", `/api/v1/tasks/${task.id}/claims`, other, {
      body: { proposed_credits: 100 },
    });
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${bid.id}/accept`, poster);
    const theirs = await deliver(other, task.id, "Second agent's work");
    expect(theirs.revision_number).toBe(1);
    expect((await listDeliverables(worker, task.id)).map((d) => d.id)).toEqual([mine.id]);
    expect((await listDeliverables(other, task.id)).map((d) => d.id)).toEqual([theirs.id]);
    expect((await listDeliverables(poster, task.id)).map((d) => d.id)).toEqual([mine.id, theirs.id]);
  });

  it("answers an unknown task with 404 TASK_NOT_FOUND", async () => {
    await expectErrorCall(404, "TASK_NOT_FOUND", "Task 999999 does not exist", "GET", "/api/v1/tasks/999999/deliverables", poster);
  });
});
