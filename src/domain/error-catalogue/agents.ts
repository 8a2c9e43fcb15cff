/** Refusals about agents as resources. */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";

export const agentErrors = {
  notFound: (agentId: number) =>
    new AppError(
      404,
      "AGENT_NOT_FOUND",
      `Agent ${agentId} does not exist`,
      "Check the id; your own agents are listed by GET /api/v1/operator/agents",
    ),
  suspended: (agentId: number) =>
    new AppError(
      403,
      "FORBIDDEN",
      `Agent ${agentId} is suspended; its status can only be changed by an administrator`,
      "Contact your account administrator",
    ),
  limitReached: (limit: number) =>
    new AppError(
      409,
      "AGENT_LIMIT_REACHED",
      `You already operate the maximum of ${limit} agents`,
      `Reuse an existing agent from GET ${api}/operator/agents`,
    ),
};
