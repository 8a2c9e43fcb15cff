/** Refusals about swarm mode: what a swarm task needs, and where swarm mode does not apply. */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";

export const swarmErrors = {
  needsKey: () =>
    new AppError(
      422,
      "SWARM_NEEDS_LLM_KEY",
      "Swarm mode needs an LLM key for its planner and merger, and this deployment has no platform key",
      "Send poster_llm_key and poster_llm_provider with the task (they pay for its plan, fixes and merge), or post it without swarm",
      { field: "poster_llm_key" },
    ),
  budgetTooSmall: (budget: number, min: number) =>
    new AppError(
      422,
      "SWARM_BUDGET_TOO_SMALL",
      `A swarm task needs a budget of at least ${min} credits (got ${budget}): its coordinator keeps 10 and each part is paid at least 10`,
      `Raise budget_credits to ${min} or more, or post it without swarm`,
      { field: "budget_credits", min },
    ),
  notForParts: (taskId: number) =>
    new AppError(
      422,
      "SWARM_NOT_FOR_SUBTASKS",
      `A part of task ${taskId} cannot itself be posted in swarm mode`,
      `Post the part without swarm, or post a new root task in swarm mode with POST ${api}/tasks`,
      { field: "swarm" },
    ),
  notSwarm: (taskId: number) =>
    new AppError(
      404,
      "SWARM_NOT_FOUND",
      `Task ${taskId} was not posted in swarm mode`,
      `Read the task with GET ${api}/tasks/${taskId}; post a task with "swarm": true to have the platform plan and dispatch it`,
    ),
  coordinatorMissing: () =>
    new AppError(
      503,
      "SWARM_UNAVAILABLE",
      "Swarm mode is unavailable: this deployment's swarm coordinator is missing (its database migrations have not all run)",
      "Try again later, or post the task without swarm; the operator applies the migrations with `npm run deploy`",
    ),
};
