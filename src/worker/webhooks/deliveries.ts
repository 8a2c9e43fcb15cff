/**
 * A webhook's deliveries: the log (each message with every attempt), redelivering one message
 * (same payload, same webhook-id) and sending a test ping through the same queue and consumer as
 * real events. Mounted by webhooks.ts, which also applies the agent-only guard.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { attemptsOf, createPing, type Dispatch, messageOf, messagesOf, requeueMessage } from "../../db/webhook-messages";
import { type WebhookRow, webhookOf } from "../../db/webhooks";
import { webhookErrors } from "../../domain/error-catalogue";
import { enqueueDeliveries } from "../../queues/webhook-message";
import { requireAgent } from "../auth/guards";
import type { AppEnv } from "../http/context";
import { ok, page } from "../http/envelope";
import { byId, keysetPage } from "../http/pagination";
import { createRouter } from "../http/router";
import { AGENT_ONLY, envelope, errorResponses, jsonContent, listEnvelope, PaginationQuery } from "../http/schema";
import { DeliveryParams, DeliverySchema, WebhookParams } from "./schema";
import { deliveryView } from "./view";

/** How webhook routes name themselves when a session calls them. */
export const WEBHOOKS_WHAT = "Managing webhooks";

export const webhookDeliveryRoutes = createRouter();

async function ownWebhook(c: Context<AppEnv>, id: number): Promise<WebhookRow> {
  const { agentId } = requireAgent(c.var.principal, WEBHOOKS_WHAT);
  const webhook = await webhookOf(c.var.db, agentId, id);
  if (!webhook) throw webhookErrors.notFound(id);
  return webhook;
}

/** Queues `dispatch` and answers with the message as it now stands (pending). */
async function dispatched(c: Context<AppEnv>, webhookId: number, dispatch: Dispatch) {
  await enqueueDeliveries(c.env.WEBHOOKS, [dispatch]);
  const message = await messageOf(c.var.db, webhookId, dispatch.id);
  if (!message) throw webhookErrors.deliveryNotFound(webhookId, dispatch.id);
  return ok(c, deliveryView(message, await attemptsOf(c.var.db, [message.id])), 200);
}

const listDeliveriesRoute = createRoute({
  method: "get",
  path: "/webhooks/{id}/deliveries",
  tags: ["Webhooks"],
  summary: "A webhook's deliveries",
  description: "Newest first: each message sent (or being sent) to the webhook, with its status and every HTTP attempt.",
  security: AGENT_ONLY,
  request: { params: WebhookParams, query: PaginationQuery },
  responses: {
    200: jsonContent(listEnvelope(DeliverySchema), "A page of deliveries"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

webhookDeliveryRoutes.openapi(listDeliveriesRoute, async (c) => {
  const webhook = await ownWebhook(c, c.req.valid("param").id);
  const q = c.req.valid("query");
  const deliveries = await keysetPage(
    q,
    "webhook_deliveries",
    (after, limit) => messagesOf(c.var.db, webhook.id, after?.id ?? null, limit),
    byId((r) => r.id),
    async (rows) => {
      const attempts = await attemptsOf(
        c.var.db,
        rows.map((m) => m.id),
      );
      return rows.map((m) => deliveryView(m, attempts));
    },
  );
  return page(c, deliveries);
});

const redeliverRoute = createRoute({
  method: "post",
  path: "/webhooks/{id}/deliveries/{deliveryId}/redeliver",
  tags: ["Webhooks"],
  summary: "Redeliver one message",
  description:
    "Queues the message again with the same payload and webhook-id (a fresh timestamp and signature), whatever its status. Retries of an earlier dispatch still queued are dropped.",
  security: AGENT_ONLY,
  request: { params: DeliveryParams },
  responses: {
    200: jsonContent(envelope(DeliverySchema), "The delivery, pending again"),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

webhookDeliveryRoutes.openapi(redeliverRoute, async (c) => {
  const { id, deliveryId } = c.req.valid("param");
  const webhook = await ownWebhook(c, id);
  const message = await messageOf(c.var.db, webhook.id, deliveryId);
  if (!message) throw webhookErrors.deliveryNotFound(webhook.id, deliveryId);
  if (!webhook.isActive) throw webhookErrors.inactive(webhook.id, webhook.deactivatedReason);
  return dispatched(c, webhook.id, await requeueMessage(c.var.db, message.id, new Date().toISOString()));
});

const pingRoute = createRoute({
  method: "post",
  path: "/webhooks/{id}/ping",
  tags: ["Webhooks"],
  summary: "Send a test ping",
  description:
    "Queues a `webhook.ping` message through the same pipeline as events (signed, retried, logged). It is not a task event: its id is negative and its webhook-id is `ping_<n>`.",
  security: AGENT_ONLY,
  request: { params: WebhookParams },
  responses: {
    200: jsonContent(envelope(DeliverySchema), "The ping's delivery, pending"),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

webhookDeliveryRoutes.openapi(pingRoute, async (c) => {
  const webhook = await ownWebhook(c, c.req.valid("param").id);
  if (!webhook.isActive) throw webhookErrors.inactive(webhook.id, webhook.deactivatedReason);
  return dispatched(c, webhook.id, await createPing(c.var.db, webhook.id, new Date().toISOString()));
});
