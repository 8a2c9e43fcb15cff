/**
 * The webhooks dead-letter queue's consumer: a message that exhausted the queue's retries is
 * recorded as a dead letter and its webhook message marked `dead` (unless it was redelivered
 * since, which started a new dispatch), so the deliveries log says it was given up on.
 */
import { database } from "../db/client";
import { endMessage } from "../db/webhook-delivery";
import { recordDeadLetter } from "./dead-letters";
import { WebhookQueueMessageSchema } from "./webhook-message";

export async function consumeWebhookDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  for (const message of batch.messages) {
    await recordDeadLetter(db, batch.queue, message);
    const parsed = WebhookQueueMessageSchema.safeParse(message.body);
    if (parsed.success) await endMessage(db, parsed.data.message_id, parsed.data.dispatch, "dead", new Date().toISOString());
    message.ack();
  }
}
