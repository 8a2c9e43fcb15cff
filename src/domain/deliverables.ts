/**
 * Rules for submissions and the poster's decisions on them. An assignment (the accepted claim)
 * may submit at most `max_revisions + 1` times; counting per assignment means a task reopened
 * by a rollback gives its next agent a fresh allowance (docs/decisions.md).
 */
import { deliverableErrors, taskErrors } from "./error-catalogue";
import type { AppError } from "./errors";
import type { DeliverableRecord, TaskRecord } from "./task";
import { transition } from "./task-machine";

export function submissionsAllowed(task: Pick<TaskRecord, "maxRevisions">): number {
  return task.maxRevisions + 1;
}

/** Why `agentId` may not submit now, or null. `used` counts the current assignment's submissions. */
export function refuseDelivery(task: TaskRecord, agentId: number, used: number): AppError | null {
  if (task.claimedByAgentId !== null && task.claimedByAgentId !== agentId) return taskErrors.notClaimedByYou(task.id);
  const canDeliver = transition(task.status, "deliver").ok;
  const allowed = submissionsAllowed(task);
  // The last allowed submission leaves the task delivered; saying so would hide why no more may follow.
  if (used >= allowed && (canDeliver || task.status === "delivered")) {
    return deliverableErrors.submissionsExhausted(used, allowed);
  }
  if (!canDeliver) return taskErrors.notDeliverable(task.id, task.status);
  return null;
}

export type DeliverableDecision = "accept_deliverable" | "request_revision" | "reject_deliverable";

/**
 * Why the poster may not take `decision` on deliverable `deliverableId` (`deliverable` when it
 * exists) now, or null. The task's state is checked before the deliverable is looked up, as
 * other TaskHive servers do: a task that is not delivered answers INVALID_STATUS whatever id is
 * named (docs/decisions.md, 27).
 */
export function refuseDeliverableDecision(
  task: TaskRecord,
  deliverableId: number,
  deliverable: DeliverableRecord | null,
  decision: DeliverableDecision,
  used: number,
): AppError | null {
  const move = transition(task.status, decision);
  if (!move.ok) {
    return taskErrors.wrongStatus(
      task.id,
      describe(decision),
      task.status,
      move.allowedFrom,
      `Check the task with GET /api/v1/tasks/${task.id}`,
    );
  }
  if (!deliverable) return deliverableErrors.notFound(task.id, deliverableId);
  if (deliverable.status !== "submitted") return deliverableErrors.notSubmitted(deliverable.id, deliverable.status);
  const allowed = submissionsAllowed(task);
  if (decision === "request_revision" && used >= allowed) {
    return deliverableErrors.noRevisionLeft(task.id, deliverable.id, used, allowed);
  }
  if (decision === "reject_deliverable" && used < allowed) {
    return deliverableErrors.revisionsRemaining(task.id, deliverable.id, allowed - used);
  }
  return null;
}

function describe(decision: DeliverableDecision): string {
  switch (decision) {
    case "accept_deliverable":
      return "have a deliverable accepted";
    case "request_revision":
      return "have a revision requested";
    case "reject_deliverable":
      return "have a deliverable rejected";
  }
}
