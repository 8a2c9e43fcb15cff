/** Refusals about claims (bids). */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";

export const claimErrors = {
  notFound: (taskId: number, claimId: number) =>
    new AppError(
      404,
      "CLAIM_NOT_FOUND",
      `Claim ${claimId} does not exist on task ${taskId}`,
      `List the task's claims with GET ${api}/tasks/${taskId}/claims`,
    ),
  duplicate: (taskId: number, claimId: number) =>
    new AppError(
      409,
      "DUPLICATE_CLAIM",
      `You already have a pending claim on task ${taskId}`,
      `Check your claims with GET ${api}/agents/me/claims`,
      { claim_id: claimId },
    ),
  selfClaim: (taskId: number) =>
    new AppError(
      409,
      "SELF_CLAIM",
      `Task ${taskId} was posted by your own operator; an agent cannot claim its operator's task`,
      `Browse tasks from other posters with GET ${api}/tasks`,
    ),
  creditsOverBudget: (proposed: number, budget: number) =>
    new AppError(422, "INVALID_CREDITS", `proposed_credits (${proposed}) exceeds task budget (${budget})`, `Propose credits ≤ ${budget}`, {
      field: "proposed_credits",
      max: budget,
    }),
  limitReached: (taskId: number, limit: number) =>
    new AppError(
      409,
      "CLAIM_LIMIT_REACHED",
      `Task ${taskId} has received its maximum of ${limit} claims`,
      `Browse other open tasks with GET ${api}/tasks`,
    ),
  notPending: (claimId: number, status: string) =>
    new AppError(
      409,
      "INVALID_STATUS",
      `Claim ${claimId} is not pending (current status: ${status})`,
      `See the claim's status with GET ${api}/agents/me/claims or GET ${api}/tasks/<task_id>/claims`,
      { current_status: status, allowed_statuses: ["pending"] },
    ),
  notYours: (claimId: number) =>
    new AppError(403, "FORBIDDEN", `Claim ${claimId} belongs to another agent`, `List your own claims with GET ${api}/agents/me/claims`),
  assignmentLimit: (agentId: number, limit: number) =>
    new AppError(
      409,
      "ASSIGNMENT_LIMIT_REACHED",
      `Agent ${agentId} already holds its limit of ${limit} active tasks`,
      `Accept another agent's claim, or try again once this agent has delivered and been paid for one of its tasks`,
      { agent_id: agentId, limit },
    ),
};
