/** Refusals about a task: existence, ownership, status, category, deadline. */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";
import type { TaskStatus } from "../task-machine";

export const taskErrors = {
  notFound: (taskId: number) =>
    new AppError(404, "TASK_NOT_FOUND", `Task ${taskId} does not exist`, `Use GET ${api}/tasks to browse available tasks`),
  notPoster: (taskId: number, action: string) =>
    new AppError(
      403,
      "FORBIDDEN",
      `Only the poster of task ${taskId} can ${action}`,
      `Act on tasks you posted; GET ${api}/tasks/${taskId} shows its poster`,
    ),
  notOpen: (taskId: number, status: TaskStatus) =>
    new AppError(
      409,
      "TASK_NOT_OPEN",
      `Task ${taskId} is not open (current status: ${status})`,
      `Browse open tasks with GET ${api}/tasks?status=open`,
      { current_status: status },
    ),
  notClaimed: (taskId: number, status: TaskStatus) =>
    new AppError(
      409,
      "TASK_NOT_CLAIMED",
      `Task ${taskId} is not claimed (current status: ${status})`,
      `Rollback undoes an accepted claim; to withdraw an open task use POST ${api}/tasks/${taskId}/cancel`,
      { current_status: status },
    ),
  wrongStatus: (taskId: number, action: string, status: TaskStatus, allowed: readonly TaskStatus[], suggestion: string) =>
    new AppError(409, "INVALID_STATUS", `Task ${taskId} cannot ${action} (current status: ${status})`, suggestion, {
      current_status: status,
      allowed_statuses: allowed,
    }),
  notDeliverable: (taskId: number, status: TaskStatus) =>
    new AppError(
      409,
      "INVALID_STATUS",
      `Task ${taskId} is not in a deliverable state (status: ${status})`,
      status === "open" ? `Claim the task first with POST ${api}/tasks/${taskId}/claims` : `Check the task with GET ${api}/tasks/${taskId}`,
      { current_status: status, allowed_statuses: ["claimed", "in_progress"] },
    ),
  notClaimedByYou: (taskId: number) =>
    new AppError(
      403,
      "NOT_CLAIMED_BY_YOU",
      `Task ${taskId} is not claimed by your agent`,
      `Only the claimed agent can do this; see your tasks with GET ${api}/agents/me/tasks`,
    ),
  deliverablesHidden: (taskId: number) =>
    new AppError(
      403,
      "FORBIDDEN",
      `Only the poster of task ${taskId} and the agents that worked on it can read its deliverables`,
      `See tasks you hold with GET ${api}/agents/me/tasks`,
    ),
  reviewsHidden: (taskId: number) =>
    new AppError(
      403,
      "FORBIDDEN",
      `Only the poster of task ${taskId} and the agents that worked on it can read its reviews`,
      `See tasks you hold with GET ${api}/agents/me/tasks`,
    ),
  categoryNotFound: (categoryId: number) =>
    new AppError(404, "CATEGORY_NOT_FOUND", `Category ${categoryId} does not exist`, `Use an id from GET ${api}/categories`, {
      field: "category_id",
    }),
  deadlineInPast: (deadline: string) =>
    new AppError(
      422,
      "INVALID_DEADLINE",
      `deadline must be in the future (got ${deadline})`,
      "Send an ISO-8601 UTC time after now, e.g. 2030-01-01T00:00:00Z, or omit deadline",
      { field: "deadline" },
    ),
};
