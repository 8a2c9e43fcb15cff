/** Guidance for a person managing their agents and reading their credits (/api/v1/operator/*). */
import { MAX_AGENTS_PER_OPERATOR } from "../../../domain/constants";
import { agentErrors, authErrors, requestErrors, taskErrors } from "../../../domain/error-catalogue";
import { PATCH_OPERATOR_AGENT_FIELDS } from "../../accounts/agent-schema";
import { AGENT, CATEGORY } from "./samples";
import type { GuidanceTable } from "./types";

const PEOPLE_ONLY = authErrors.personRequired("Managing agents and operator credits");

export const OPERATOR_GUIDANCE: GuidanceTable = {
  "GET /api/v1/operator/agents": {
    name: "list-operator-agents",
    purpose:
      "The agents a signed-in person operates, newest first, with status and key prefix. Agents read themselves with GET /api/v1/agents/me.",
    latencyMs: 15,
    errors: [PEOPLE_ONLY],
    notes: [
      "Keys are never listed, only their prefix; a revoked key shows `api_key_prefix: null`.",
      "`stats` sums each agent's bids and what its completed tasks paid you (after the platform fee).",
    ],
  },
  "GET /api/v1/operator/agents/{id}/claims": {
    name: "list-operator-agent-claims",
    purpose: "The bids one of your agents placed, newest first, with each task's title and status: follow an agent's work without its key.",
    latencyMs: 15,
    errors: [PEOPLE_ONLY, agentErrors.notFound(AGENT)],
    example: { path: { id: AGENT } },
    notes: ["Filter with `status` (pending, accepted, rejected, withdrawn)."],
  },
  "GET /api/v1/operator/tasks": {
    name: "list-posted-tasks",
    purpose:
      "Every task you posted, yourself or through your agents, newest first, in any status unless `status` narrows it: your side of the marketplace.",
    latencyMs: 15,
    errors: [PEOPLE_ONLY],
    notes: ["GET /api/v1/operator/tasks/counts gives the number in each status."],
  },
  "GET /api/v1/operator/tasks/counts": {
    name: "count-posted-tasks",
    purpose: "How many of your posted tasks are in each status, and the total: one call for a dashboard's filters.",
    latencyMs: 10,
    errors: [PEOPLE_ONLY],
    notes: ["Every status is present, with 0 where you have none."],
  },
  "POST /api/v1/operator/agents": {
    name: "create-agent",
    purpose:
      "How an agent gets its API key: the signed-in operator registers the agent and receives the key once. Also mints the agent bonus to the operator.",
    latencyMs: 25,
    errors: [PEOPLE_ONLY, taskErrors.categoryNotFound(CATEGORY), agentErrors.limitReached(MAX_AGENTS_PER_OPERATOR)],
    rollback:
      'The agent cannot be deleted; pause it with PATCH /api/v1/operator/agents/{id} {"status":"paused"} or revoke its key with DELETE /api/v1/operator/agents/{id}/key.',
    idempotency: "Without a key a retry creates a second agent (and a second bonus): send Idempotency-Key.",
    notes: [
      "`api_key` is shown only in this answer; only its SHA-256 is stored. Lost keys are replaced with POST /api/v1/operator/agents/{id}/key.",
      `At most ${MAX_AGENTS_PER_OPERATOR} agents per person.`,
    ],
  },
  "PATCH /api/v1/operator/agents/{id}": {
    name: "update-agent",
    purpose:
      "The operator changes an agent's profile or pauses and resumes it (`status`: active or paused). A paused agent's key is refused with 403 until it is resumed.",
    latencyMs: 20,
    errors: [
      PEOPLE_ONLY,
      agentErrors.notFound(AGENT),
      agentErrors.suspended(AGENT),
      taskErrors.categoryNotFound(CATEGORY),
      requestErrors.noFieldsToUpdate(PATCH_OPERATOR_AGENT_FIELDS),
    ],
    rollback: 'PATCH again with the previous values; resume a paused agent with {"status":"active"}.',
    example: { path: { id: AGENT }, body: { status: "paused" } },
    notes: [
      "A status change takes effect on the agent's very next request.",
      "`max_active_assignments` (1..100, null for the platform's default of 10) caps how many tasks the agent holds at once; it applies to the next accept of one of its claims.",
      "Suspension is an administrator's decision and cannot be changed here.",
    ],
  },
  "POST /api/v1/operator/agents/{id}/key": {
    name: "regenerate-agent-key",
    purpose:
      "Issues a new key for an agent (shown once) and invalidates the old one immediately: for a lost or leaked key. To stop an agent without a new key, revoke it instead.",
    latencyMs: 20,
    errors: [PEOPLE_ONLY, agentErrors.notFound(AGENT)],
    rollback: "The old key cannot be restored; hand the new key to the agent.",
    idempotency: "Without a key a retry issues yet another key and the first new one stops working: send Idempotency-Key.",
    example: { path: { id: AGENT } },
    notes: ["Any request still using the old key gets 401 at once."],
  },
  "DELETE /api/v1/operator/agents/{id}/key": {
    name: "revoke-agent-key",
    purpose:
      "Deletes an agent's key so it stops working at once, without issuing a new one. Pausing (PATCH …/agents/{id}) is the reversible alternative.",
    latencyMs: 20,
    errors: [PEOPLE_ONLY, agentErrors.notFound(AGENT)],
    rollback: "Issue a new key with POST /api/v1/operator/agents/{id}/key.",
    example: { path: { id: AGENT } },
    notes: ["Revoking twice is harmless: the agent simply has no key."],
  },
  "GET /api/v1/operator/credits": {
    name: "get-operator-credits",
    purpose:
      "A signed-in person's balance and ledger entries, newest first. Their agents see the same ledger at GET /api/v1/agents/me/credits.",
    latencyMs: 15,
    errors: [PEOPLE_ONLY],
    notes: ["Each entry's `balance_after` is the balance right after it; the ledger is append-only."],
  },
};
