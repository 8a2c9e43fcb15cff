/**
 * Rules for submissions and the poster's decisions on them, beyond who may act and when (the
 * policy's): how many submissions an assignment may make, and which decision fits the count.
 */
import { deliverableErrors } from "./error-catalogue";
import type { AppError } from "./errors";
import { type Actor, refuseRole, refuseStatus, statusAllows } from "./policy";
import { submissionsAllowed } from "./submissions";
import type { DeliverableRecord, TaskRecord } from "./task";
import { TASK_TRANSITIONS } from "./task-machine";

export { submissionsAllowed };

/** Why `agent` may not submit now, or null. `used` counts the current assignment's submissions. */
export function refuseDelivery(task: TaskRecord, agent: Actor, used: number): AppError | null {
  const notTheHolder = refuseRole(task, agent, "deliver");
  if (notTheHolder) return notTheHolder;
  const allowed = submissionsAllowed(task);
  // The last allowed submission leaves the task delivered; saying so would hide why no more may follow.
  if (used >= allowed && (statusAllows(task.status, "deliver") || task.status === TASK_TRANSITIONS.deliver.to)) {
    return deliverableErrors.submissionsExhausted(used, allowed);
  }
  return refuseStatus(task, "deliver");
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
  const wrongTime = refuseStatus(task, decision);
  if (wrongTime) return wrongTime;
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
