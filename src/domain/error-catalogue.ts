/**
 * Every refusal the API can give, with its status, code, concrete message and a suggestion
 * that names a real endpoint. Routes, middleware and the TaskRoom build errors only here, so
 * the wording stays consistent and the skill files can list them.
 */

export { agentErrors } from "./error-catalogue/agents";
export { authErrors } from "./error-catalogue/auth";
export { claimErrors } from "./error-catalogue/claims";
export { deliverableErrors } from "./error-catalogue/deliverables";
export { leaseErrors } from "./error-catalogue/leases";
export { limitErrors } from "./error-catalogue/limits";
export { operationErrors } from "./error-catalogue/operations";
export { realtimeErrors } from "./error-catalogue/realtime";
export { requestErrors } from "./error-catalogue/request";
export { subtaskErrors } from "./error-catalogue/subtasks";
export { swarmErrors } from "./error-catalogue/swarm";
export { taskErrors } from "./error-catalogue/tasks";
export { webhookErrors } from "./error-catalogue/webhooks";
