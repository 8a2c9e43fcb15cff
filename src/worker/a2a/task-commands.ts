/**
 * The three things an A2A client does to a task, each one /api/v1 operation run as the agent:
 * post it (POST /tasks), decide on its deliverable (…/deliverables/{id}/accept | revision |
 * reject) and cancel it (POST /tasks/{id}/cancel). The message's messageId is the operation's
 * Idempotency-Key (`a2a:<messageId>`), so a resent message replays instead of acting twice.
 */
import type { Task } from "@a2a-js/sdk";
import type { A2aCaller } from "./caller";
import { a2aError, refusal } from "./errors";
import type { ReplyAction } from "./message-intent";
import { awaitingDecision, readOwnTask, type TaskDetail, taskIdOf } from "./task-reading";
import { a2aTaskOf } from "./task-view";

const idempotencyKeyOf = (messageId: string) => `a2a:${messageId}`;

export async function postTask(caller: A2aCaller, messageId: string, body: Record<string, unknown>): Promise<Task> {
  const created = await caller.run<TaskDetail>({
    method: "POST",
    path: "/api/v1/tasks",
    body,
    idempotencyKey: idempotencyKeyOf(messageId),
  });
  if (!created.ok) throw refusal(created, "create", caller.version);
  return a2aTaskOf({ task: created.data, deliverables: [], posterDecides: false }, caller.origin);
}

const DECISION_ROUTES: Record<ReplyAction, { segment: string; body: (notes: string | undefined) => unknown }> = {
  accept: { segment: "accept", body: () => undefined },
  request_revision: { segment: "revision", body: (notes) => ({ revision_notes: notes }) },
  reject: { segment: "reject", body: (notes) => ({ reason: notes }) },
};

interface Completion {
  credits_paid?: number;
  platform_fee?: number;
}

export async function decide(
  caller: A2aCaller,
  messageId: string,
  taskId: string,
  action: ReplyAction,
  notes: string | undefined,
): Promise<Task> {
  const id = taskIdOf(taskId, caller);
  const before = await readOwnTask(caller, id);
  // The submission awaiting a decision; after one was made (a resent message) the latest, so the replay matches.
  const target = awaitingDecision(before.deliverables) ?? before.deliverables.at(-1);
  if (!target) {
    const body = {
      code: "NO_DELIVERABLE",
      message: `Task ${id} has no deliverable to decide on (it is ${before.task.status})`,
      suggestion: "Wait for the task to reach INPUT_REQUIRED (SubscribeToTask or GetTask), then reply",
    };
    throw a2aError("unsupported", body, caller.version, { status: 409 });
  }
  const route = DECISION_ROUTES[action];
  const done = await caller.run<Completion>({
    method: "POST",
    path: `/api/v1/tasks/${id}/deliverables/${target.id}/${route.segment}`,
    body: route.body(notes),
    idempotencyKey: idempotencyKeyOf(messageId),
  });
  if (!done.ok) throw refusal(done, "task", caller.version);
  const payment = action === "accept" ? { payment: { credits_paid: done.data.credits_paid, platform_fee: done.data.platform_fee } } : {};
  return a2aTaskOf(await readOwnTask(caller, id), caller.origin, payment);
}

export async function cancel(caller: A2aCaller, taskId: string): Promise<Task> {
  const id = taskIdOf(taskId, caller);
  // Only the poster's side finds the task; anyone else gets TaskNotFound before anything is tried.
  await readOwnTask(caller, id);
  const cancelled = await caller.run({ method: "POST", path: `/api/v1/tasks/${id}/cancel` });
  if (!cancelled.ok) throw refusal(cancelled, "cancel", caller.version);
  return a2aTaskOf(await readOwnTask(caller, id), caller.origin);
}

export async function getTask(caller: A2aCaller, taskId: string): Promise<Task> {
  return a2aTaskOf(await readOwnTask(caller, taskIdOf(taskId, caller)), caller.origin);
}
