/**
 * What goes on the webhooks queue: a reference to a webhook message row and the dispatch number
 * it was sent under (see db/webhook-messages.ts). The row holds the payload, so a redelivery
 * sends exactly the same bytes. Versioned and validated, since the queue may hold messages from
 * an older deployment.
 */
import { z } from "zod";

export const WebhookQueueMessageSchema = z.object({
  v: z.literal(1),
  message_id: z.number().int().positive(),
  dispatch: z.number().int().positive(),
});
export type WebhookQueueMessage = z.infer<typeof WebhookQueueMessageSchema>;
