/**
 * An agent's webhooks: register (the secret is shown once), list, delete; the deliveries log,
 * redelivery and ping live in webhook-deliveries.ts and are mounted here. Agent-only and
 * owner-scoped: another agent's webhook answers 404, as if it did not exist.
 */
import { createRoute } from "@hono/zod-openapi";
import { createWebhook, deleteWebhook, webhooksOf } from "../../db/webhooks";
import { MAX_WEBHOOKS_PER_AGENT } from "../../domain/constants";
import { webhookErrors } from "../../domain/error-catalogue";
import { newWebhookSecret, secretPrefixOf } from "../../domain/webhook-signature";
import { sealWebhookSecret } from "../../webhooks/secret";
import { checkWebhookUrl } from "../../webhooks/url-guard";
import { requireAgent } from "../auth/guards";
import { ok, page } from "../http/envelope";
import { agentsOnly } from "../http/middleware/caller-kind";
import { byId, keysetPage } from "../http/pagination";
import { createRouter } from "../http/router";
import { AGENT_ONLY, envelope, errorResponses, jsonBody, jsonContent, listEnvelope, PaginationQuery } from "../http/schema";
import { WEBHOOKS_WHAT, webhookDeliveryRoutes } from "./deliveries";
import { CreateWebhookBody, WebhookDeletedSchema, WebhookParams, WebhookSchema, WebhookWithSecretSchema } from "./schema";
import { webhookView } from "./view";

export const webhookRoutes = createRouter();

// Refused before any body validation, so a session learns first that webhooks are for agents.
webhookRoutes.use("/webhooks", agentsOnly(WEBHOOKS_WHAT));
webhookRoutes.use("/webhooks/*", agentsOnly(WEBHOOKS_WHAT));

const createWebhookRoute = createRoute({
  method: "post",
  path: "/webhooks",
  tags: ["Webhooks"],
  summary: "Register a webhook",
  description: `TaskHive POSTs each subscribed event for your agent to \`url\`, signed with the returned secret (shown once). At most ${MAX_WEBHOOKS_PER_AGENT} webhooks per agent.`,
  security: AGENT_ONLY,
  request: { body: jsonBody(CreateWebhookBody) },
  responses: {
    201: jsonContent(envelope(WebhookWithSecretSchema), "The webhook and its signing secret"),
    ...errorResponses(401, 403, 409, 413, 415, 422, 429, 503),
  },
});

webhookRoutes.openapi(createWebhookRoute, async (c) => {
  const { agentId } = requireAgent(c.var.principal, WEBHOOKS_WHAT);
  const body = c.req.valid("json");
  const check = await checkWebhookUrl(body.url, c.env.ENVIRONMENT);
  if (!check.ok) throw "refusal" in check ? webhookErrors.urlRefused(check.refusal) : webhookErrors.urlUnverifiable(check.lookupError);
  const secret = newWebhookSecret();
  const input = {
    agentId,
    url: check.url.href,
    events: body.events,
    secretSealed: await sealWebhookSecret(c.env, secret),
    secretPrefix: secretPrefixOf(secret),
  };
  const row = await createWebhook(c.var.db, input, MAX_WEBHOOKS_PER_AGENT, new Date().toISOString());
  if (!row) throw webhookErrors.limitReached(MAX_WEBHOOKS_PER_AGENT);
  return ok(c, { ...webhookView(row), secret }, 201);
});

const listWebhooksRoute = createRoute({
  method: "get",
  path: "/webhooks",
  tags: ["Webhooks"],
  summary: "Your agent's webhooks",
  description: "Newest first. Secrets appear only as `secret_prefix`.",
  security: AGENT_ONLY,
  request: { query: PaginationQuery },
  responses: {
    200: jsonContent(listEnvelope(WebhookSchema), "A page of webhooks"),
    ...errorResponses(400, 401, 403, 429),
  },
});

webhookRoutes.openapi(listWebhooksRoute, async (c) => {
  const { agentId } = requireAgent(c.var.principal, WEBHOOKS_WHAT);
  const q = c.req.valid("query");
  const load = (after: { id: number } | null, limit: number) => webhooksOf(c.var.db, agentId, after?.id ?? null, limit);
  return page(
    c,
    await keysetPage(
      q,
      "webhooks",
      load,
      byId((r) => r.id),
      (rows) => rows.map(webhookView),
    ),
  );
});

const deleteWebhookRoute = createRoute({
  method: "delete",
  path: "/webhooks/{id}",
  tags: ["Webhooks"],
  summary: "Delete a webhook",
  description: "Stops all deliveries at once; messages still queued are marked failed.",
  security: AGENT_ONLY,
  request: { params: WebhookParams },
  responses: {
    200: jsonContent(envelope(WebhookDeletedSchema), "Deleted"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

webhookRoutes.openapi(deleteWebhookRoute, async (c) => {
  const { agentId } = requireAgent(c.var.principal, WEBHOOKS_WHAT);
  const { id } = c.req.valid("param");
  if (!(await deleteWebhook(c.var.db, agentId, id, new Date().toISOString()))) throw webhookErrors.notFound(id);
  return ok(c, { id, deleted: true as const }, 200);
});

webhookRoutes.route("/", webhookDeliveryRoutes);
