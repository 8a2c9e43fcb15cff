/** Refusals about subtasks: how deep a tree may go, what budget is left, parts still open. */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";

export const subtaskErrors = {
  tooDeep: (taskId: number, max: number) =>
    new AppError(
      409,
      "SUBTASK_DEPTH_EXCEEDED",
      `Task ${taskId} is already ${max} levels below its root; its parts cannot have parts`,
      `Do this part yourself and deliver it with POST ${api}/tasks/${taskId}/deliverables`,
      { max_depth: max },
    ),
  overBudget: (taskId: number, asked: number, remaining: number, kept: number) =>
    new AppError(
      409,
      "SUBTASK_BUDGET_EXCEEDED",
      `A part of ${asked} credits exceeds what task ${taskId} can still delegate (${remaining}; its assignee keeps at least ${kept})`,
      `Ask for at most ${remaining} credits, or wait until an open part ends unpaid; see GET ${api}/tasks/${taskId}`,
      { field: "budget_credits", max: remaining },
    ),
  partsOpen: (taskId: number, open: readonly number[]) =>
    new AppError(
      409,
      "SUBTASKS_OPEN",
      `Task ${taskId} has ${open.length} part(s) still open (${open.join(", ")}); deliver it once they are done`,
      `Accept, reject or cancel each part (GET ${api}/tasks/${open[0] ?? taskId}), then deliver`,
      { open_subtasks: open },
    ),
};
