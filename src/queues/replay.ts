/**
 * Putting a dead letter back on its queue, for a platform operator who fixed what stopped it.
 * Every consumer is idempotent (events by id, webhook messages by dispatch, reviews by run, swarm
 * calls by round), so a replay can only finish what was left undone.
 */
import { EventMessageSchema } from "../contracts/event-message";
import { ReviewMessageSchema } from "../contracts/review-message";
import { SwarmMessageSchema } from "../contracts/swarm-message";
import type { Database } from "../db/client";
import type { DeadLetterRow } from "../db/dead-letters";
import { runOf } from "../db/reviews";
import { requeueMessage } from "../db/webhook-messages";
import { replayTarget } from "../domain/operations";
import { enqueueDeliveries, WebhookQueueMessageSchema } from "./webhook-message";

export type Replay = { replayed: true } | { replayed: false; why: string };

export async function replayDeadLetter(env: Env, db: Database, letter: DeadLetterRow): Promise<Replay> {
  const target = replayTarget(letter.queue);
  if (target === null) return { replayed: false, why: `it came from ${letter.queue}, which no consumer reads` };
  let body: unknown;
  try {
    body = JSON.parse(letter.body);
  } catch {
    return { replayed: false, why: "its body is not JSON" };
  }
  if (target === "events") {
    const event = EventMessageSchema.safeParse(body);
    if (!event.success) return { replayed: false, why: "its body is not an event message any consumer can read" };
    await env.EVENTS.send(event.data, { contentType: "json" });
    return { replayed: true };
  }
  if (target === "webhooks") {
    const message = WebhookQueueMessageSchema.safeParse(body);
    if (!message.success) return { replayed: false, why: "its body is not a webhook message any consumer can read" };
    // A new dispatch, so the delivery log shows it pending again and any stale copy stays ignored.
    await enqueueDeliveries(env.WEBHOOKS, [await requeueMessage(db, message.data.message_id, new Date().toISOString())]);
    return { replayed: true };
  }
  if (target === "swarm") {
    // A call the room has finished (or a swarm it has stopped) ignores the job: a replay only finishes what was left undone.
    const job = SwarmMessageSchema.safeParse(body);
    if (!job.success) return { replayed: false, why: "its body is not a swarm job any consumer can read" };
    await env.SWARM.send(job.data, { contentType: "json" });
    return { replayed: true };
  }
  const job = ReviewMessageSchema.safeParse(body);
  if (!job.success) return { replayed: false, why: "its body is not a review job any consumer can read" };
  const run = await runOf(db, job.data.deliverable_id);
  if (run?.status === "applied") {
    return { replayed: false, why: `the review of deliverable ${job.data.deliverable_id} was closed (${run.result}); the poster decides` };
  }
  await env.REVIEWS.send(job.data, { contentType: "json" });
  return { replayed: true };
}
