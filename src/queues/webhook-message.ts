/**
 * What goes on the webhooks queue: a reference to a webhook message row and the dispatch number
 * it was sent under (see db/webhook-messages.ts). The row holds the payload, so a redelivery
 * sends exactly the same bytes. Versioned and validated, since the queue may hold messages from
 * an older deployment.
 */
import { z } from "zod";
import type { Dispatch } from "../db/webhook-messages";

export const WebhookQueueMessageSchema = z.object({
  v: z.literal(1),
  message_id: z.number().int().positive(),
  dispatch: z.number().int().positive(),
});
export type WebhookQueueMessage = z.infer<typeof WebhookQueueMessageSchema>;

/** Queues allow at most 100 messages per sendBatch. */
const SEND_BATCH_LIMIT = 100;

export async function enqueueDeliveries(queue: Queue, dispatches: readonly Dispatch[]): Promise<void> {
  for (let i = 0; i < dispatches.length; i += SEND_BATCH_LIMIT) {
    const chunk = dispatches.slice(i, i + SEND_BATCH_LIMIT);
    await queue.sendBatch(chunk.map((d) => ({ body: { v: 1, message_id: d.id, dispatch: d.dispatch } satisfies WebhookQueueMessage })));
  }
}
