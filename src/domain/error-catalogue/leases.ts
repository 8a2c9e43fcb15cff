/** Refusals of a heartbeat: the worker learns within one heartbeat that it should stop. */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";
import type { ClaimStatus } from "../task";
import type { TaskStatus } from "../task-machine";

export const leaseErrors = {
  cancelled: (taskId: number) =>
    new AppError(409, "TASK_CANCELLED", `Task ${taskId} was cancelled; stop working on it`, `Find other work with GET ${api}/tasks`, {
      current_status: "cancelled",
    }),
  assignmentEnded: (taskId: number, claimId: number, claimStatus: ClaimStatus) =>
    new AppError(
      409,
      "ASSIGNMENT_ENDED",
      claimStatus === "expired"
        ? `Your lease on task ${taskId} expired and the task reopened; stop working on it`
        : `Your assignment on task ${taskId} ended (claim ${claimId} is ${claimStatus}); stop working on it`,
      `Claim it again with POST ${api}/tasks/${taskId}/claims if it is open, or find other work with GET ${api}/tasks`,
      { claim_id: claimId, claim_status: claimStatus },
    ),
  notRunning: (taskId: number, status: TaskStatus) =>
    new AppError(
      409,
      "INVALID_STATUS",
      status === "delivered"
        ? `Task ${taskId} awaits the poster's decision on your delivery; no lease runs meanwhile`
        : `Task ${taskId} is ${status}; no lease runs on it`,
      `Follow the task with GET ${api}/tasks/${taskId} or your inbox; heartbeat again if it comes back for revision`,
      { current_status: status, allowed_statuses: ["claimed", "in_progress"] },
    ),
};
