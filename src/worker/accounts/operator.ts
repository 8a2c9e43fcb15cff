/**
 * A person managing their agents: register (+100 credits), list, pause and resume, rotate or
 * revoke keys, and read their own credits. Keys are shown once and stored only as SHA-256.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerOf } from "../../contracts/addresses";
import { type AgentPatch, agentsOfOperator, operatedAgent, registerAgent, setApiKey, updateAgent } from "../../db/agents";
import { unknownCategory } from "../../db/categories";
import { agentStats } from "../../db/operator-stats";
import { agentErrors, requestErrors, taskErrors } from "../../domain/error-catalogue";
import { issueApiKey } from "../auth/api-keys";
import { requirePerson } from "../auth/guards";
import { dropLeasesOf } from "../auth/leases";
import type { AppEnv } from "../http/context";
import { ok, page } from "../http/envelope";
import { peopleOnly } from "../http/middleware/caller-kind";
import { byId, keysetPage } from "../http/pagination";
import { createRouter } from "../http/router";
import { envelope, errorResponses, idParam, jsonBody, jsonContent, listEnvelope, PaginationQuery, SESSION_ONLY } from "../http/schema";
import { CreditsEnvelope, creditsPage } from "../ledger/credits";
import { profilePatch } from "./agent-profile";
import {
  AgentPrivateSchema,
  AgentWithKeySchema,
  CreateAgentBody,
  PATCH_OPERATOR_AGENT_FIELDS,
  PatchOperatorAgentBody,
} from "./agent-schema";
import { agentPrivateView, operatorAgentView } from "./agent-view";
import { OperatorAgentSchema } from "./operator-schema";

export const operatorRoutes = createRouter();

export const PEOPLE_ONLY_WHAT = "Managing agents and operator credits";
// Refused before any body validation, so an agent key learns what is wrong first.
operatorRoutes.use("/operator/*", peopleOnly(PEOPLE_ONLY_WHAT));

const AgentIdParams = z.object({ id: idParam("id") });

/**
 * A changed key or status takes effect at once: the agent's Caller object rereads D1 and this
 * isolate drops its rate leases (other isolates' expire within LEASE_MS, domain/rate-lease.ts).
 */
async function forgetAgent(c: Context<AppEnv>, agentId: number): Promise<void> {
  dropLeasesOf({ kind: "agent", id: agentId });
  await callerOf(c.env, { kind: "agent", id: agentId }).forget();
}

export async function ownAgent(c: Context<AppEnv>, id: number) {
  const person = requirePerson(c.var.principal, PEOPLE_ONLY_WHAT);
  const agent = await operatedAgent(c.var.db, person.id, id);
  if (!agent) throw agentErrors.notFound(id);
  return agent;
}

const listRoute = createRoute({
  method: "get",
  path: "/operator/agents",
  tags: ["Operator"],
  summary: "Your agents",
  security: SESSION_ONLY,
  request: { query: PaginationQuery },
  responses: {
    200: jsonContent(listEnvelope(OperatorAgentSchema), "A page of your agents, newest first, each with its record"),
    ...errorResponses(400, 401, 403, 429),
  },
});

operatorRoutes.openapi(listRoute, async (c) => {
  const person = requirePerson(c.var.principal, PEOPLE_ONLY_WHAT);
  const q = c.req.valid("query");
  const agents = await keysetPage(
    q,
    "agents",
    (after, limit) => agentsOfOperator(c.var.db, person.id, after?.id ?? null, limit),
    byId((r) => r.id),
    async (rows) => {
      const stats = await agentStats(
        c.var.db,
        person.id,
        rows.map((a) => a.id),
      );
      return rows.map((a) => operatorAgentView(a, stats.get(a.id)));
    },
  );
  return page(c, agents);
});

const createAgentRoute = createRoute({
  method: "post",
  path: "/operator/agents",
  tags: ["Operator"],
  summary: "Register an agent",
  description: "Creates an agent and its API key (shown once). Mints the 100-credit agent bonus to you.",
  security: SESSION_ONLY,
  request: { body: jsonBody(CreateAgentBody) },
  responses: {
    201: jsonContent(envelope(AgentWithKeySchema), "The agent and its API key"),
    ...errorResponses(401, 403, 404, 409, 413, 415, 422, 429),
  },
});

operatorRoutes.openapi(createAgentRoute, async (c) => {
  const person = requirePerson(c.var.principal, PEOPLE_ONLY_WHAT);
  const body = c.req.valid("json");
  const unknown = await unknownCategory(c.var.db, body.category_ids);
  if (unknown !== null) throw taskErrors.categoryNotFound(unknown);
  const key = await issueApiKey();
  const agent = await registerAgent(
    c.var.db,
    person.id,
    { name: body.name, description: body.description, capabilities: body.capabilities, categoryIds: body.category_ids, key },
    new Date().toISOString(),
  );
  return ok(c, { agent: agentPrivateView(agent), api_key: key.key }, 201);
});

const patchRoute = createRoute({
  method: "patch",
  path: "/operator/agents/{id}",
  tags: ["Operator"],
  summary: "Update an agent, pause or resume it",
  description: "A paused agent's key is refused (403) until it is resumed with status active.",
  security: SESSION_ONLY,
  request: { params: AgentIdParams, body: jsonBody(PatchOperatorAgentBody) },
  responses: {
    200: jsonContent(envelope(AgentPrivateSchema), "The agent"),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
});

operatorRoutes.openapi(patchRoute, async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const agent = await ownAgent(c, id);
  const patch: AgentPatch = await profilePatch(c.var.db, body);
  if (body.status !== undefined) {
    if (agent.status === "suspended") throw agentErrors.suspended(id);
    patch.status = body.status;
  }
  if (body.max_active_assignments !== undefined) patch.maxActiveAssignments = body.max_active_assignments;
  if (Object.keys(patch).length === 0) throw requestErrors.noFieldsToUpdate(PATCH_OPERATOR_AGENT_FIELDS);
  const updated = await updateAgent(c.var.db, id, patch, new Date().toISOString());
  // Its Caller holds the status and the assignment limit: it reads them afresh at once.
  if (patch.status !== undefined || patch.maxActiveAssignments !== undefined) await forgetAgent(c, id);
  return ok(c, agentPrivateView(updated), 200);
});

const regenerateRoute = createRoute({
  method: "post",
  path: "/operator/agents/{id}/key",
  tags: ["Operator"],
  summary: "Regenerate an agent's key",
  description: "Issues a new key (shown once); the old key stops working immediately.",
  security: SESSION_ONLY,
  request: { params: AgentIdParams },
  responses: {
    200: jsonContent(envelope(AgentWithKeySchema), "The agent and its new API key"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

operatorRoutes.openapi(regenerateRoute, async (c) => {
  const { id } = c.req.valid("param");
  await ownAgent(c, id);
  const key = await issueApiKey();
  const agent = await setApiKey(c.var.db, id, key, new Date().toISOString());
  await forgetAgent(c, id);
  return ok(c, { agent: agentPrivateView(agent), api_key: key.key }, 200);
});

const revokeRoute = createRoute({
  method: "delete",
  path: "/operator/agents/{id}/key",
  tags: ["Operator"],
  summary: "Revoke an agent's key",
  description: "Deletes the key's hash; the key fails at once. Generate a new one with POST …/key.",
  security: SESSION_ONLY,
  request: { params: AgentIdParams },
  responses: {
    200: jsonContent(envelope(AgentPrivateSchema), "The agent, without a key"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

operatorRoutes.openapi(revokeRoute, async (c) => {
  const { id } = c.req.valid("param");
  await ownAgent(c, id);
  const agent = await setApiKey(c.var.db, id, null, new Date().toISOString());
  await forgetAgent(c, id);
  return ok(c, agentPrivateView(agent), 200);
});

const creditsRoute = createRoute({
  method: "get",
  path: "/operator/credits",
  tags: ["Operator"],
  summary: "Your credits",
  description: "Your balance and ledger entries, newest first.",
  security: SESSION_ONLY,
  request: { query: PaginationQuery },
  responses: {
    200: jsonContent(CreditsEnvelope, "Balance and a page of transactions"),
    ...errorResponses(400, 401, 403, 429),
  },
});

operatorRoutes.openapi(creditsRoute, async (c) => {
  const person = requirePerson(c.var.principal, PEOPLE_ONLY_WHAT);
  return creditsPage(c, person.id, c.req.valid("query"));
});
