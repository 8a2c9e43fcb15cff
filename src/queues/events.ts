/**
 * The events queue's consumer: every event a TaskRoom appends arrives here (at least once) and
 * is handed to each sink for the agents it concerns; a new task is also announced to matching
 * agents as `task.new_match`. Messages of a batch are handed over together, in order, so a
 * task's events reach a sink in sequence. A failure retries the message with backoff; after the queue's max_retries
 * it lands in the dead-letter queue, where it is recorded.
 */

import { type EventMessage, EventMessageSchema } from "../contracts/event-message";
import { type Database, database } from "../db/client";
import { isRetryable, retryDelaySeconds } from "../domain/backoff";
import { recordDeadLetter } from "./dead-letters";
import { EVENT_SINKS, type EventDelivery } from "./event-sinks";
import { type NewMatchDelivery, newMatchDelivery } from "./new-match";

export async function consumeEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  const valid: { message: Message<unknown>; event: EventMessage }[] = [];
  for (const message of batch.messages) {
    const parsed = EventMessageSchema.safeParse(message.body);
    if (parsed.success) {
      valid.push({ message, event: parsed.data });
      continue;
    }
    // A message no version of the producer could have written: retrying cannot help.
    console.error(JSON.stringify({ at: "queue.events", message: message.id, error: parsed.error.message }));
    await recordDeadLetter(db, batch.queue, message);
    message.ack();
  }
  // The whole batch at once: each sink then makes one call per agent or one query per batch,
  // not one per event. Should that fail, each message is tried on its own, so one that keeps
  // failing is retried (and dead-lettered) alone; what the batch already delivered is
  // harmless to deliver again, since sinks deduplicate by event.
  if (valid.length > 1) {
    try {
      await deliver(
        env,
        db,
        valid.map((v) => v.event),
      );
      for (const { message } of valid) message.ack();
      return;
    } catch (error) {
      console.error(JSON.stringify({ at: "queue.events", batch: valid.length, error: String(error) }));
    }
  }
  for (const { message, event } of valid) {
    try {
      await deliver(env, db, [event]);
      message.ack();
    } catch (error) {
      const retry = isRetryable(error);
      console.error(JSON.stringify({ at: "queue.events", message: message.id, attempts: message.attempts, retry, error: String(error) }));
      if (retry) {
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
        continue;
      }
      await recordDeadLetter(db, batch.queue, message);
      message.ack();
    }
  }
}

/**
 * Hands `messages` to every sink, in order, with the new-match announcements they cause: those
 * first, higher priority first (each concerns a different task, so no task's order changes).
 */
async function deliver(env: Env, db: Database, messages: readonly EventMessage[]): Promise<void> {
  const deliveries: EventDelivery[] = [];
  const matches: NewMatchDelivery[] = [];
  for (const { event, audience } of messages) {
    deliveries.push({ event, agentIds: audience });
    if (event.type === "task.created") {
      const match = await newMatchDelivery(db, event);
      if (match) matches.push(match);
    }
  }
  matches.sort((a, b) => b.event.data.priority - a.event.data.priority);
  for (const sink of EVENT_SINKS) await sink.deliver(env, [...matches, ...deliveries]);
}
