/** The calling agent's own profile, claims, tasks and credits, and any agent's public profile. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type AgentPatch, agentById, operatorOf, updateAgent } from "../../db/agents";
import { encryptionKeyOf } from "../../domain/deployment";
import { agentErrors, requestErrors } from "../../domain/error-catalogue";
import { sealSecret } from "../../domain/secret-box";
import { TASK_STATUSES } from "../../domain/task-machine";
import { requireAgent } from "../auth/guards";
import { agentClaimsPage } from "../claims/agent-claims";
import { AgentClaimSchema, AgentClaimsQuery } from "../claims/schema";
import type { AppEnv } from "../http/context";
import { ok } from "../http/envelope";
import { agentsOnly } from "../http/middleware/caller-kind";
import { createRouter } from "../http/router";
import {
  AGENT_ONLY,
  AUTHENTICATED,
  envelope,
  errorResponses,
  idParam,
  jsonBody,
  jsonContent,
  listEnvelope,
  PaginationQuery,
} from "../http/schema";
import { CreditsEnvelope, creditsPage } from "../ledger/credits";
import { newestTasksPage } from "../tasks/lists";
import { TaskSummarySchema } from "../tasks/schema";
import { profilePatch } from "./agent-profile";
import { AgentProfileSchema, AgentPublicSchema, PATCH_AGENT_FIELDS, PatchAgentBody } from "./agent-schema";
import { agentProfileView, agentPublicView } from "./agent-view";

export const agentRoutes = createRouter();

const AGENT_ONLY_WHAT = "/agents/me";
// Refused before any body or query validation, so a session learns what is wrong first.
agentRoutes.use("/agents/me", agentsOnly(AGENT_ONLY_WHAT));
agentRoutes.use("/agents/me/*", agentsOnly(AGENT_ONLY_WHAT));

const meRoute = createRoute({
  method: "get",
  path: "/agents/me",
  tags: ["Agents"],
  summary: "Your agent's profile",
  description: "The calling agent, with its operator and the operator's credit balance.",
  security: AGENT_ONLY,
  responses: {
    200: jsonContent(envelope(AgentProfileSchema), "The agent"),
    ...errorResponses(401, 403, 429),
  },
});

agentRoutes.openapi(meRoute, async (c) => {
  const { agentId } = requireAgent(c.var.principal, AGENT_ONLY_WHAT);
  return ok(c, await profile(c, agentId), 200);
});

async function profile(c: Context<AppEnv>, agentId: number) {
  const agent = await agentById(c.var.db, agentId);
  if (!agent) throw agentErrors.notFound(agentId);
  return agentProfileView(agent, await operatorOf(c.var.db, agent.operatorId));
}

const patchMeRoute = createRoute({
  method: "patch",
  path: "/agents/me",
  tags: ["Agents"],
  summary: "Update your agent's profile",
  description: "Any of the listed fields. `llm_key` is stored encrypted and never returned; send null to remove it.",
  security: AGENT_ONLY,
  request: { body: jsonBody(PatchAgentBody) },
  responses: {
    200: jsonContent(envelope(AgentProfileSchema), "The updated agent"),
    ...errorResponses(401, 403, 404, 413, 415, 422, 429, 503),
  },
});

agentRoutes.openapi(patchMeRoute, async (c) => {
  const { agentId } = requireAgent(c.var.principal, AGENT_ONLY_WHAT);
  const body = c.req.valid("json");
  const patch: AgentPatch = await profilePatch(c.var.db, body);
  if (body.webhook_url !== undefined) patch.webhookUrl = body.webhook_url;
  if (body.hourly_rate_credits !== undefined) patch.hourlyRateCredits = body.hourly_rate_credits;
  if (body.llm_provider !== undefined) patch.llmProvider = body.llm_provider;
  if (body.llm_key !== undefined)
    patch.llmKeyEncrypted = body.llm_key === null ? null : await sealSecret(body.llm_key, encryptionKeyOf(c.env));
  if (Object.keys(patch).length === 0) throw requestErrors.noFieldsToUpdate(PATCH_AGENT_FIELDS);
  if (body.llm_key !== undefined || body.llm_provider !== undefined) {
    const current = await agentById(c.var.db, agentId);
    const keyAfter = body.llm_key !== undefined ? body.llm_key : current?.llmKeyEncrypted;
    const providerAfter = body.llm_provider !== undefined ? body.llm_provider : current?.llmProvider;
    if (keyAfter && !providerAfter) throw requestErrors.validation("llm_provider", "is required while an llm_key is stored");
  }
  await updateAgent(c.var.db, agentId, patch, new Date().toISOString());
  return ok(c, await profile(c, agentId), 200);
});

const myClaimsRoute = createRoute({
  method: "get",
  path: "/agents/me/claims",
  tags: ["Agents"],
  summary: "Your agent's claims",
  description: "Every claim the agent placed, newest first, with its task's title and status.",
  security: AGENT_ONLY,
  request: { query: AgentClaimsQuery },
  responses: {
    200: jsonContent(listEnvelope(AgentClaimSchema), "A page of claims"),
    ...errorResponses(400, 401, 403, 429),
  },
});

agentRoutes.openapi(myClaimsRoute, async (c) => {
  const { agentId } = requireAgent(c.var.principal, AGENT_ONLY_WHAT);
  return agentClaimsPage(c, agentId, c.req.valid("query"));
});

const MyTasksQuery = PaginationQuery.extend({ status: z.enum(TASK_STATUSES).optional() });

const myTasksRoute = createRoute({
  method: "get",
  path: "/agents/me/tasks",
  tags: ["Agents"],
  summary: "Tasks your agent holds",
  description: "Tasks claimed by the calling agent (any status unless filtered), newest first.",
  security: AGENT_ONLY,
  request: { query: MyTasksQuery },
  responses: {
    200: jsonContent(listEnvelope(TaskSummarySchema), "A page of tasks"),
    ...errorResponses(400, 401, 403, 429),
  },
});

agentRoutes.openapi(myTasksRoute, async (c) => {
  const { agentId } = requireAgent(c.var.principal, AGENT_ONLY_WHAT);
  const q = c.req.valid("query");
  return newestTasksPage(c, q, { status: q.status, claimedByAgentId: agentId });
});

const myCreditsRoute = createRoute({
  method: "get",
  path: "/agents/me/credits",
  tags: ["Agents"],
  summary: "Your operator's credits",
  description: "The operator's balance and ledger entries (bonuses, payments), newest first.",
  security: AGENT_ONLY,
  request: { query: PaginationQuery },
  responses: {
    200: jsonContent(CreditsEnvelope, "Balance and a page of transactions"),
    ...errorResponses(400, 401, 403, 429),
  },
});

agentRoutes.openapi(myCreditsRoute, async (c) => {
  const { operatorId } = requireAgent(c.var.principal, AGENT_ONLY_WHAT);
  return creditsPage(c, operatorId, c.req.valid("query"));
});

const publicProfileRoute = createRoute({
  method: "get",
  path: "/agents/{id}",
  tags: ["Agents"],
  summary: "An agent's public profile",
  security: AUTHENTICATED,
  request: { params: z.object({ id: idParam("id") }) },
  responses: {
    200: jsonContent(envelope(AgentPublicSchema), "The agent"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

agentRoutes.openapi(publicProfileRoute, async (c) => {
  const { id } = c.req.valid("param");
  const agent = await agentById(c.var.db, id);
  if (!agent) throw agentErrors.notFound(id);
  return ok(c, agentPublicView(agent), 200);
});
