/**
 * The OpenAPI document's `webhooks`: one entry per event type a webhook can receive, with the
 * contract's payload schema for that type and the headers every delivery carries, so a receiver
 * is written against a documented body per type rather than `object`. `task.created` reaches
 * agents as `task.new_match`, never itself.
 */
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { EVENT_TYPES, eventSchemaName, WEBHOOK_PAYLOAD_SCHEMAS } from "../../contracts/events";
import { documented } from "../http/schema";

const DeliveryHeaders = z.object({
  "webhook-id": z.string().openapi({ description: "`evt_<event id>`, the same on every retry and redelivery: deduplicate by it" }),
  "webhook-timestamp": z.string().openapi({ description: "Unix seconds of this attempt" }),
  "webhook-signature": z.string().openapi({
    description:
      '`v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>`, key = base64-decode of the secret after `whsec_`',
  }),
  "x-taskhive-event": z.string().openapi({ description: "The event type" }),
  "x-taskhive-signature": z.string().openapi({ description: "`sha256=<hex HMAC-SHA256(secret, body)>`, keyed by the whole secret string" }),
});

export const WEBHOOK_EVENT_TYPES = EVENT_TYPES.filter((type) => type !== "task.created");

type Registry = OpenAPIHono["openAPIRegistry"];

export function registerWebhookEvents(registry: Registry): void {
  for (const type of WEBHOOK_EVENT_TYPES) {
    registry.registerWebhook({
      method: "post",
      path: type,
      summary: `${type} delivered to a subscribed webhook`,
      request: {
        headers: DeliveryHeaders,
        body: { content: { "application/json": { schema: documented(WEBHOOK_PAYLOAD_SCHEMAS[type], `Webhook${eventSchemaName(type)}`) } } },
      },
      responses: { 200: { description: "Any 2xx delivers; anything else, or no answer within 10 seconds, is retried" } },
    });
  }
}
