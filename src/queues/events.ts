/**
 * The events queue's consumer: every event a TaskRoom appends arrives here (at least once), in
 * the steps its room's outbox sent. The snapshots of a whole batch are written to D1 in one
 * transaction first (decision 48), then every event is handed to each sink for the agents it
 * concerns; a new task is also announced to matching agents as `task.new_match`. Messages of a
 * batch are handed over together, in order, so a task's events reach a sink in sequence. A
 * failure retries the message with backoff; after the queue's max_retries it lands in the
 * dead-letter queue, where it is recorded (and the reconciler writes D1 from the room again).
 */

import { type EventEntry, EventMessageSchema, type OutboxStep, stepOf } from "../contracts/event-message";
import { type Database, database } from "../db/client";
import { writeProjections } from "../db/projection";
import { isRetryable, retryDelaySeconds } from "../domain/backoff";
import { recordDeadLetter } from "./dead-letters";
import { EVENT_SINKS, type EventDelivery } from "./event-sinks";
import { type NewMatchDelivery, newMatchDelivery } from "./new-match";

export async function consumeEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  const valid: { message: Message<unknown>; step: OutboxStep }[] = [];
  for (const message of batch.messages) {
    const parsed = EventMessageSchema.safeParse(message.body);
    if (parsed.success) {
      valid.push({ message, step: stepOf(parsed.data) });
      continue;
    }
    // A message no version of the producer could have written: retrying cannot help.
    console.error(JSON.stringify({ at: "queue.events", message: message.id, error: parsed.error.message }));
    await recordDeadLetter(db, batch.queue, message);
    message.ack();
  }
  // The whole batch at once: one D1 transaction for every snapshot, and each sink then makes
  // one call per agent or one query per batch, not one per event. Should that fail, each
  // message is tried on its own, so one that keeps failing (a posting D1 refuses, a sink that
  // is down) is retried and dead-lettered alone; what the batch already wrote or delivered is
  // harmless to repeat, since snapshots are version-guarded, transfers keyed and sinks
  // deduplicate by event.
  if (valid.length > 1) {
    try {
      await handle(
        env,
        db,
        valid.map((v) => v.step),
      );
      for (const { message } of valid) message.ack();
      return;
    } catch (error) {
      console.error(JSON.stringify({ at: "queue.events", batch: valid.length, error: String(error) }));
    }
  }
  for (const { message, step } of valid) {
    try {
      await handle(env, db, [step]);
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

/** D1 first, then the sinks: an event is never announced before a list can show it. */
async function handle(env: Env, db: Database, steps: readonly OutboxStep[]): Promise<void> {
  await writeProjections(
    env.DB,
    steps.flatMap((step) => step.projection ?? []),
    new Date().toISOString(),
  );
  await deliver(
    env,
    db,
    steps.flatMap((step) => step.events),
  );
}

/**
 * Hands `messages` to every sink, in order, with the new-match announcements they cause: those
 * first, higher priority first (each concerns a different task, so no task's order changes).
 */
async function deliver(env: Env, db: Database, messages: readonly EventEntry[]): Promise<void> {
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
