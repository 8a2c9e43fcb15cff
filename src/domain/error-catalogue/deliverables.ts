/** Refusals about deliverables and the poster's decisions on them. */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";

export const deliverableErrors = {
  notFound: (taskId: number, deliverableId: number) =>
    new AppError(
      404,
      "DELIVERABLE_NOT_FOUND",
      `Deliverable ${deliverableId} does not exist on task ${taskId}`,
      `List the task's deliverables with GET ${api}/tasks/${taskId}/deliverables`,
    ),
  notSubmitted: (deliverableId: number, status: string) =>
    new AppError(
      409,
      "INVALID_STATUS",
      `Deliverable ${deliverableId} is not awaiting review (current status: ${status})`,
      "Only the latest submitted deliverable can be accepted, sent back or rejected",
      { current_status: status, allowed_statuses: ["submitted"] },
    ),
  submissionsExhausted: (used: number, allowed: number) =>
    new AppError(
      409,
      "MAX_REVISIONS",
      `Maximum revisions reached (${used} of ${allowed} deliveries)`,
      "The poster must now accept or reject the last deliverable",
      { used, allowed },
    ),
  noRevisionLeft: (taskId: number, deliverableId: number, used: number, allowed: number) =>
    new AppError(
      409,
      "MAX_REVISIONS",
      `No revision left on task ${taskId} (${used} of ${allowed} deliveries used)`,
      `Accept with POST ${api}/tasks/${taskId}/deliverables/${deliverableId}/accept or reject with POST ${api}/tasks/${taskId}/deliverables/${deliverableId}/reject`,
      { used, allowed },
    ),
  revisionsRemaining: (taskId: number, deliverableId: number, remaining: number) =>
    new AppError(
      409,
      "REVISIONS_REMAINING",
      `Task ${taskId} still allows ${remaining} more deliver${remaining === 1 ? "y" : "ies"}; rejecting for good is only for the final one`,
      `Request a revision with POST ${api}/tasks/${taskId}/deliverables/${deliverableId}/revision`,
      { remaining },
    ),
};
