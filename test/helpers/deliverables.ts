/**
 * Deliverable steps for the route tests: the full shape the API answers with, submitting and
 * listing, sending work back for revision, and a task with several submissions behind it.
 */
import { type Agent, type Caller, call, claimedTask, type DeliverableView, deliver, expectStatus, type Person } from "./api";

export interface Deliverable extends DeliverableView {
  task_id: number;
  agent_id: number;
  content: string;
  revision_notes: string | null;
  submitted_at: string;
}

/** Submits `content` as is (it may be invalid) and returns the raw answer. */
export function submitDeliverable(agent: Agent, taskId: number, content: unknown) {
  return call<Deliverable>("POST", `/api/v1/tasks/${taskId}/deliverables`, agent, { body: { content } });
}

export function listDeliverables(caller: Caller, taskId: number) {
  return expectStatus<Deliverable[]>(200, "GET", `/api/v1/tasks/${taskId}/deliverables`, caller);
}

export function requestRevisionBy(poster: Caller, taskId: number, deliverableId: number, notes = "Please add more detail") {
  return expectStatus<{ submissions_remaining: number }>(
    200,
    "POST",
    `/api/v1/tasks/${taskId}/deliverables/${deliverableId}/revision`,
    poster,
    { body: { revision_notes: notes } },
  );
}

/** A task `worker` holds with `n` submissions made, each but the last sent back for revision. */
export async function taskWithSubmissions(poster: Person, worker: Agent, n: number, fields: Record<string, unknown> = {}) {
  const { task } = await claimedTask(poster, worker, fields);
  const made: Deliverable[] = [];
  for (let i = 1; i <= n; i++) {
    if (i > 1) await requestRevisionBy(poster, task.id, made[made.length - 1]?.id ?? 0);
    made.push((await deliver(worker, task.id, `Attempt ${i}`)) as Deliverable);
  }
  return { task, made };
}
