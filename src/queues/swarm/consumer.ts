/**
 * The swarm queue's consumer, and its dead-letter consumer. A job that fails for reasons other
 * than the model (a room or D1 unreachable) is retried with backoff; one that would fail the same
 * way again is given up at once. A job given up on is recorded as a dead letter and stops the
 * swarm, so the task is handed to its poster instead of waiting on a call that will never come.
 */
import { roomOf } from "../../contracts/addresses";
import { type SwarmMessage, SwarmMessageSchema } from "../../contracts/swarm-message";
import { database } from "../../db/client";
import { isRetryable, retryDelaySeconds } from "../../domain/backoff";
import type { AppBindings } from "../../env";
import { recordDeadLetter } from "../dead-letters";
import { runSwarmCall, SwarmCallBusy } from "./calls";

export async function consumeSwarm(batch: MessageBatch<unknown>, env: AppBindings): Promise<void> {
  for (const message of batch.messages) {
    const parsed = SwarmMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      await deadLetter(env, batch.queue, message, null);
      continue;
    }
    try {
      await runSwarmCall(env, { taskId: parsed.data.task_id, round: parsed.data.round, messageId: message.id });
      message.ack();
    } catch (error) {
      if (error instanceof SwarmCallBusy) {
        // The holder's own message finishes the call (or, redelivered, takes it back); a copy adds nothing.
        message.ack();
        continue;
      }
      const retry = isRetryable(error);
      console.error(JSON.stringify({ at: "queue.swarm", message: message.id, attempts: message.attempts, retry, error: String(error) }));
      if (retry) {
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
        continue;
      }
      await deadLetter(env, batch.queue, message, parsed.data);
    }
  }
}

export async function consumeSwarmDeadLetters(batch: MessageBatch<unknown>, env: AppBindings): Promise<void> {
  for (const message of batch.messages) {
    const parsed = SwarmMessageSchema.safeParse(message.body);
    await deadLetter(env, batch.queue, message, parsed.success ? parsed.data : null);
  }
}

/** Records a job given up on and stops its swarm for the poster; should that fail too, the dead letter stands for an operator. */
async function deadLetter(env: AppBindings, queue: string, message: Message<unknown>, job: SwarmMessage | null): Promise<void> {
  await recordDeadLetter(database(env.DB), queue, message);
  if (job) {
    try {
      await roomOf(env, job.task_id).stopSwarm(`the swarm's call ${job.round} could not be completed; see the dead letters`);
    } catch (error) {
      console.error(JSON.stringify({ at: "queue.swarm.give-up", message: message.id, task: job.task_id, error: String(error) }));
    }
  }
  message.ack();
}
