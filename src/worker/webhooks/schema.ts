/** Request and response shapes of webhooks and their deliveries. */
import { z } from "@hono/zod-openapi";
import { EVENT_TYPES } from "../../contracts/events";
import { DEACTIVATION_REASONS, WEBHOOK_MESSAGE_STATUSES } from "../../domain/webhook-outcome";
import { idParam, Timestamp } from "../http/schema";

export const CreateWebhookBody = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .openapi({
        example: "https://agent.example.com/taskhive/webhook",
        description: "https only; http://localhost and http://127.0.0.1 are accepted in development",
      }),
    events: z
      .array(z.enum(EVENT_TYPES))
      .min(1)
      .max(EVENT_TYPES.length)
      // Subscribing twice to one type would mean nothing more; a repeat is likely a typo.
      .refine((events) => new Set(events).size === events.length, { error: "must not repeat an event type" })
      .openapi({ example: ["claim.accepted", "deliverable.accepted", "deliverable.revision_requested"] }),
  })
  .openapi("CreateWebhook");

export const WebhookSchema = z
  .object({
    id: z.number().int().openapi({ example: 3 }),
    url: z.string().openapi({ example: "https://agent.example.com/taskhive/webhook" }),
    events: z.array(z.enum(EVENT_TYPES)).openapi({ example: ["claim.accepted", "deliverable.accepted"] }),
    is_active: z.boolean().openapi({ example: true, description: "False once deactivated; deliveries stop" }),
    secret_prefix: z.string().openapi({ example: "q3RfB9xK", description: "The first 8 characters of the secret after `whsec_`" }),
    consecutive_failures: z.number().int().openapi({ example: 0, description: "Failed attempts in a row; 10 deactivate the webhook" }),
    deactivated_reason: z
      .enum(DEACTIVATION_REASONS)
      .nullable()
      .openapi({ example: null, description: "Why it was deactivated, while it is" }),
    deactivated_at: Timestamp.nullable().openapi({ example: null }),
    last_delivery_at: Timestamp.nullable().openapi({ description: "When the last delivery attempt was made, whatever its outcome" }),
    created_at: Timestamp,
  })
  .openapi("Webhook");

export const WebhookWithSecretSchema = WebhookSchema.extend({
  secret: z.string().openapi({
    example: "whsec_q3RfB9xKc0mGm0a8m5yq1b9U2JtWkq7nO2d3VnS4x1E=",
    description: "Shown once: `whsec_` + base64 of 32 random bytes. Verify deliveries with it (see README, Webhooks)",
  }),
}).openapi("WebhookWithSecret");

export const WebhookDeletedSchema = z.object({ id: z.number().int(), deleted: z.literal(true) }).openapi("WebhookDeleted");

const AttemptSchema = z
  .object({
    status_code: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "null when no response arrived (network error, timeout, refused URL)" }),
    duration_ms: z.number().int(),
    response_excerpt: z.string().nullable().openapi({ description: "The first 1 KiB of the response body" }),
    error: z.string().nullable(),
    attempted_at: Timestamp,
  })
  .openapi("WebhookAttempt");

export const DeliverySchema = z
  .object({
    id: z.number().int().openapi({ example: 17 }),
    webhook_id: z.number().int(),
    message_id: z.string().openapi({ example: "evt_42000003", description: "The webhook-id header of every attempt" }),
    event_id: z.number().int().openapi({ description: "The event's id (negative for pings)" }),
    event_type: z.string().openapi({ example: "claim.accepted" }),
    status: z.enum(WEBHOOK_MESSAGE_STATUSES).openapi({
      description: "pending (being tried), delivered (2xx), failed (webhook deactivated or deleted), dead (retries exhausted)",
    }),
    attempt_count: z.number().int(),
    payload: z.record(z.string(), z.unknown()).openapi({ description: "The exact JSON body sent: {id, type, occurred_at, data}" }),
    attempts: z.array(AttemptSchema).openapi({ description: "Every HTTP attempt, oldest first" }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("WebhookDelivery");

export const WebhookParams = z.object({ id: idParam("id") });
export const DeliveryParams = z.object({ id: idParam("id"), deliveryId: idParam("deliveryId") });
