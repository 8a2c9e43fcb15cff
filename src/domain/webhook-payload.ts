/**
 * What a webhook receives: the JSON body `{id, type, occurred_at, data}` and the message id it
 * is sent under (the Standard Webhooks `webhook-id`, the same on every attempt and redelivery,
 * so receivers deduplicate by it). Task events keep their own ids (`evt_<id>`); `data` always
 * names the task. A ping is not a task event: its id is negative, so it can never be mistaken
 * for one, and its webhook-id is `ping_<n>`.
 */
import { z } from "zod";
import type { TaskEvent } from "../contracts/events";

export const PING_TYPE = "webhook.ping";

export const WebhookPayloadSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  occurred_at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

export function eventPayload(event: TaskEvent): WebhookPayload {
  return { id: event.id, type: event.type, occurred_at: event.occurred_at, data: { task_id: event.task_id, ...event.data } };
}

/** Ping `n` (1, 2, …, allocated once across the platform) of webhook `webhookId`. */
export function pingPayload(n: number, webhookId: number, at: string): WebhookPayload {
  return { id: -n, type: PING_TYPE, occurred_at: at, data: { webhook_id: webhookId, message: "TaskHive webhook test" } };
}

/** The `webhook-id` header of every attempt of a message. */
export function webhookMessageId(payload: Pick<WebhookPayload, "id" | "type">): string {
  return payload.type === PING_TYPE ? `ping_${Math.abs(payload.id)}` : `evt_${payload.id}`;
}
