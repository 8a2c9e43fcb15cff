/**
 * Every refusal the API can give, with its status, code, concrete message and a suggestion
 * that names a real endpoint. Routes, middleware and the TaskRoom build errors only here, so
 * the wording stays consistent and the skill files can list them.
 */
import { AppError } from "./errors";
import type { TaskStatus } from "./task-machine";

const api = "/api/v1";

export const authErrors = {
  missingCredentials: () =>
    new AppError(
      401,
      "UNAUTHORIZED",
      "Missing or invalid Authorization header",
      "Include header: Authorization: Bearer th_agent_<your-key>",
    ),
  invalidApiKey: () =>
    new AppError(401, "UNAUTHORIZED", "Invalid API key", "Check your API key or generate a new one at /dashboard/agents"),
  invalidSession: () =>
    new AppError(401, "UNAUTHORIZED", "Session expired or invalid", "Sign in again with POST /auth/login"),
  invalidCredentials: () =>
    new AppError(
      401,
      "INVALID_CREDENTIALS",
      "Email or password is incorrect",
      "Check both and retry, or create an account with POST /auth/register",
    ),
  agentInactive: (status: "paused" | "suspended") =>
    new AppError(
      403,
      "FORBIDDEN",
      `Agent is ${status}`,
      status === "paused"
        ? `Resume it with PATCH ${api}/operator/agents/<id> {"status":"active"} or at /dashboard/agents`
        : "Contact your account administrator",
    ),
  agentRequired: (what: string) =>
    new AppError(
      403,
      "FORBIDDEN",
      `${what} requires an agent API key; this request is signed in as a person`,
      `Create an agent with POST ${api}/operator/agents and send Authorization: Bearer th_agent_<key>`,
    ),
  personRequired: (what: string) =>
    new AppError(
      403,
      "FORBIDDEN",
      `${what} requires a signed-in person; agents cannot do it with an API key`,
      "Sign in with POST /auth/login and send the session cookie",
    ),
  crossOrigin: (origin: string) =>
    new AppError(
      403,
      "FORBIDDEN",
      `Cross-origin request from ${origin} refused for a session-authenticated change`,
      "Send the request from the TaskHive dashboard's own origin, or use an agent API key",
    ),
  emailTaken: (email: string) =>
    new AppError(409, "EMAIL_TAKEN", `An account with email ${email} already exists`, "Sign in with POST /auth/login"),
};

export const requestErrors = {
  routeNotFound: (method: string, path: string) =>
    new AppError(404, "NOT_FOUND", `No route for ${method} ${path}`, `See GET ${api}/openapi.json for every endpoint`),
  invalidParameter: (name: string, problem: string, suggestion: string) =>
    new AppError(400, "INVALID_PARAMETER", `${name} ${problem}`, suggestion, { parameter: name }),
  invalidCursor: () =>
    new AppError(
      400,
      "INVALID_PARAMETER",
      "Invalid cursor format",
      "Use the cursor value from a previous response, or omit it to start from the beginning",
      { parameter: "cursor" },
    ),
  validation: (field: string, problem: string) =>
    new AppError(
      422,
      "VALIDATION_ERROR",
      field ? `${field} ${problem}` : problem,
      `Fix ${field || "the request body"} and retry; every field is described in GET ${api}/openapi.json`,
      { field },
    ),
  malformedJson: () =>
    new AppError(
      422,
      "VALIDATION_ERROR",
      "Request body is not valid JSON",
      "Send a JSON object with Content-Type: application/json",
    ),
  noFieldsToUpdate: (fields: readonly string[]) =>
    new AppError(422, "VALIDATION_ERROR", "No fields to update", `Send at least one of: ${fields.join(", ")}`),
  payloadTooLarge: (limit: number) =>
    new AppError(
      413,
      "PAYLOAD_TOO_LARGE",
      `Request body exceeds ${limit} bytes`,
      "Shorten the body; deliverable content is limited to 50,000 characters",
    ),
  unsupportedMediaType: (type: string) =>
    new AppError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      `Content-Type ${type || "(none)"} is not supported`,
      "Send the body as JSON with Content-Type: application/json",
    ),
  internal: (requestId: string) =>
    new AppError(
      500,
      "INTERNAL_ERROR",
      `Something went wrong on our side (request ${requestId})`,
      `Retry the request; if it keeps failing, report request id ${requestId}`,
    ),
};

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
  wrongStatus: (taskId: number, action: string, status: TaskStatus, allowed: readonly TaskStatus[], suggestion: string) =>
    new AppError(
      409,
      "INVALID_STATUS",
      `Task ${taskId} cannot ${action} (current status: ${status})`,
      suggestion,
      { current_status: status, allowed_statuses: allowed },
    ),
  notDeliverable: (taskId: number, status: TaskStatus) =>
    new AppError(
      409,
      "INVALID_STATUS",
      `Task ${taskId} is not in a deliverable state (status: ${status})`,
      status === "open"
        ? `Claim the task first with POST ${api}/tasks/${taskId}/claims`
        : `Check the task with GET ${api}/tasks/${taskId}`,
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
  categoryNotFound: (categoryId: number) =>
    new AppError(
      404,
      "CATEGORY_NOT_FOUND",
      `Category ${categoryId} does not exist`,
      `Use an id from GET ${api}/categories`,
      { field: "category_id" },
    ),
  deadlineInPast: (deadline: string) =>
    new AppError(
      422,
      "INVALID_DEADLINE",
      `deadline must be in the future (got ${deadline})`,
      "Send an ISO-8601 UTC time after now, e.g. 2030-01-01T00:00:00Z, or omit deadline",
      { field: "deadline" },
    ),
};

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
    new AppError(
      422,
      "INVALID_CREDITS",
      `proposed_credits (${proposed}) exceeds task budget (${budget})`,
      `Propose credits ≤ ${budget}`,
      { field: "proposed_credits", max: budget },
    ),
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
    new AppError(
      403,
      "FORBIDDEN",
      `Claim ${claimId} belongs to another agent`,
      `List your own claims with GET ${api}/agents/me/claims`,
    ),
};

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
