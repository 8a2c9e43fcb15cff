/** How webhooks and their deliveries appear in the API; return types come from their schemas. */
import type { z } from "@hono/zod-openapi";
import type { WebhookAttemptRow, WebhookMessageRow } from "../../db/webhook-messages";
import type { WebhookRow } from "../../db/webhooks";
import { WebhookPayloadSchema, webhookMessageId } from "../../domain/webhook-payload";
import type { DeliverySchema, WebhookSchema } from "./schema";

export function webhookView(w: WebhookRow): z.infer<typeof WebhookSchema> {
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    is_active: w.isActive,
    secret_prefix: w.secretPrefix,
    consecutive_failures: w.consecutiveFailures,
    deactivated_reason: w.deactivatedReason,
    deactivated_at: w.deactivatedAt,
    last_delivery_at: w.lastDeliveryAt,
    created_at: w.createdAt,
  };
}

export function deliveryView(m: WebhookMessageRow, attempts: readonly WebhookAttemptRow[]): z.infer<typeof DeliverySchema> {
  // Stored JSON written by the sink or a ping; checked on the way out like any other boundary.
  const payload = WebhookPayloadSchema.parse(JSON.parse(m.payload));
  return {
    id: m.id,
    webhook_id: m.webhookId,
    message_id: webhookMessageId(payload),
    event_id: m.eventId,
    event_type: m.eventType,
    status: m.status,
    attempt_count: m.attempts,
    payload,
    attempts: attempts
      .filter((a) => a.messageId === m.id)
      .map((a) => ({
        status_code: a.statusCode,
        duration_ms: a.durationMs,
        response_excerpt: a.responseExcerpt,
        error: a.error,
        attempted_at: a.attemptedAt,
      })),
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}
