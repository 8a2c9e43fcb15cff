/**
 * The reviews queue's consumer, and its dead-letter consumer. A job that fails for reasons other
 * than the model (D1 or the room unreachable) is retried with backoff and resumes where it
 * stopped; one that would fail the same way again (the room's own code threw) is given up at once. A job that exhausts its retries is recorded as a dead letter and, so that no task is
 * left waiting on a review that will never come, closed as an `error`: the poster decides.
 */

import { roomOf } from "../../contracts/addresses";
import { type ReviewMessage, ReviewMessageSchema } from "../../contracts/review-message";
import { database } from "../../db/client";
import { deliverableForReview } from "../../db/deliverables";
import { finishRun, takeRun } from "../../db/reviews";
import { isRetryable, retryDelaySeconds } from "../../domain/backoff";
import type { AppBindings } from "../../env";
import { recordDeadLetter } from "../dead-letters";
import { ERROR_FEEDBACK, ReviewBusy, review } from "./pipeline";

export async function consumeReviews(batch: MessageBatch<unknown>, env: AppBindings): Promise<void> {
  for (const message of batch.messages) {
    const parsed = ReviewMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      await deadLetter(env, batch.queue, message, null);
      continue;
    }
    try {
      await review(env, { taskId: parsed.data.task_id, deliverableId: parsed.data.deliverable_id, messageId: message.id });
      message.ack();
    } catch (error) {
      if (error instanceof ReviewBusy) {
        // The lease holder's own message finishes (or, redelivered, resumes) the review; a copy adds nothing.
        console.warn(JSON.stringify({ at: "queue.reviews", message: message.id, duplicate: error.message }));
        message.ack();
        continue;
      }
      const retry = isRetryable(error);
      console.error(JSON.stringify({ at: "queue.reviews", message: message.id, attempts: message.attempts, retry, error: String(error) }));
      if (retry) {
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
        continue;
      }
      // Failing the same way again: dead-lettered now, and the poster decides, as after exhausted retries.
      await deadLetter(env, batch.queue, message, parsed.data);
    }
  }
}

export async function consumeReviewDeadLetters(batch: MessageBatch<unknown>, env: AppBindings): Promise<void> {
  for (const message of batch.messages) {
    const parsed = ReviewMessageSchema.safeParse(message.body);
    await deadLetter(env, batch.queue, message, parsed.success ? parsed.data : null);
  }
}

/**
 * Records a job given up on and closes its review as an error, so the poster decides. Should
 * closing fail too, the dead letter stands (an operator can replay it) and the poster can still
 * decide by hand: retrying a message that fails the same way would only delay that.
 */
async function deadLetter(env: AppBindings, queue: string, message: Message<unknown>, job: ReviewMessage | null): Promise<void> {
  await recordDeadLetter(database(env.DB), queue, message);
  if (job) {
    try {
      await giveUp(env, job.task_id, job.deliverable_id);
    } catch (error) {
      console.error(JSON.stringify({ at: "queue.reviews.give-up", message: message.id, task: job.task_id, error: String(error) }));
    }
  }
  message.ack();
}

/** Tells the room the review failed, so the poster decides, and records the attempt as an error. */
async function giveUp(env: AppBindings, taskId: number, deliverableId: number): Promise<void> {
  const db = database(env.DB);
  const room = roomOf(env, taskId);
  await room.applyReview(deliverableId, { result: "error", feedback: ERROR_FEEDBACK, keySource: "none" });
  const deliverable = await deliverableForReview(db, deliverableId);
  if (!deliverable) return;
  const at = new Date().toISOString();
  const run = await takeRun(db, { taskId, deliverableId, agentId: deliverable.agentId }, at);
  if (run.status === "applied") return;
  await finishRun(
    db,
    run.id,
    {
      result: "error",
      feedback: ERROR_FEEDBACK,
      requirementsMet: null,
      requirementsTotal: null,
      qualityScore: null,
      completenessScore: null,
      correctnessScore: null,
    },
    at,
  );
}
