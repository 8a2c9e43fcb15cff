/**
 * The events queue's consumer: every event a TaskRoom appends arrives here (at least once) and
 * is handed to each sink for the agents it concerns; a new task is also announced to matching
 * agents as `task.new_match`. Messages of a batch are handled in order, so a task's events reach
 * a sink in sequence. A failure retries the message with backoff; after the queue's max_retries
 * it lands in the dead-letter queue, where it is recorded.
 */

import { EventMessageSchema } from "../contracts/event-message";
import { database } from "../db/client";
import { retryDelaySeconds } from "../domain/backoff";
import { recordDeadLetter } from "./dead-letters";
import { EVENT_SINKS, type EventDelivery } from "./event-sinks";
import { newMatchDelivery } from "./new-match";

export async function consumeEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  for (const message of batch.messages) {
    const parsed = EventMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      // A message no version of the producer could have written: retrying cannot help.
      console.error(JSON.stringify({ at: "queue.events", message: message.id, error: parsed.error.message }));
      await recordDeadLetter(db, batch.queue, message);
      message.ack();
      continue;
    }
    try {
      const { event, audience } = parsed.data;
      const deliveries: EventDelivery[] = [{ event, agentIds: audience }];
      if (event.type === "task.created") {
        const match = await newMatchDelivery(db, event);
        if (match) deliveries.push(match);
      }
      for (const sink of EVENT_SINKS) await sink.deliver(env, deliveries);
      message.ack();
    } catch (error) {
      console.error(JSON.stringify({ at: "queue.events", message: message.id, attempts: message.attempts, error: String(error) }));
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
