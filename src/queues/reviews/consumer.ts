/**
 * The reviews queue's consumer, and its dead-letter consumer. A job that fails for reasons other
 * than the model (D1 or the room unreachable) is retried with backoff and resumes where it
 * stopped. A job that exhausts its retries is recorded as a dead letter and, so that no task is
 * left waiting on a review that will never come, closed as an `error`: the poster decides.
 */

import { roomOf } from "../../contracts/addresses";
import { ReviewMessageSchema } from "../../contracts/review-message";
import { database } from "../../db/client";
import { deliverableForReview } from "../../db/deliverables";
import { finishRun, takeRun } from "../../db/reviews";
import { retryDelaySeconds } from "../../domain/backoff";
import type { AppBindings } from "../../env";
import { recordDeadLetter } from "../dead-letters";
import { ERROR_FEEDBACK, ReviewBusy, review } from "./pipeline";

export async function consumeReviews(batch: MessageBatch<unknown>, env: AppBindings): Promise<void> {
  const db = database(env.DB);
  for (const message of batch.messages) {
    const parsed = ReviewMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      await recordDeadLetter(db, batch.queue, message);
      message.ack();
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
      console.error(JSON.stringify({ at: "queue.reviews", message: message.id, attempts: message.attempts, error: String(error) }));
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

export async function consumeReviewDeadLetters(batch: MessageBatch<unknown>, env: AppBindings): Promise<void> {
  const db = database(env.DB);
  for (const message of batch.messages) {
    await recordDeadLetter(db, batch.queue, message);
    const parsed = ReviewMessageSchema.safeParse(message.body);
    if (parsed.success) await giveUp(env, parsed.data.task_id, parsed.data.deliverable_id);
    message.ack();
  }
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
