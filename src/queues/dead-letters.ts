/**
 * Dead letters: a message that exhausted its retries (it arrives on a dead-letter queue), or one
 * that can never be processed, is recorded in D1 (`dead_letters`) with its body and attempts,
 * once, so it can be inspected and replayed; nothing is dropped silently.
 */
import type { Database } from "../db/client";
import { database } from "../db/client";
import { deadLetters } from "../db/schema";

export async function recordDeadLetter(db: Database, queue: string, message: Message<unknown>): Promise<void> {
  await db
    .insert(deadLetters)
    .values({
      queue,
      messageId: message.id,
      attempts: message.attempts,
      body: JSON.stringify(message.body),
      createdAt: new Date().toISOString(),
    })
    .onConflictDoNothing();
}

/** The consumer of a dead-letter queue: record, then acknowledge. */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  for (const message of batch.messages) {
    await recordDeadLetter(db, batch.queue, message);
    message.ack();
  }
}
