/**
 * Starts the reviewer: every `deliverable.submitted` event of an auto-reviewed task becomes a job
 * on the reviews queue. A redelivered event queues the job again, which is harmless: the
 * reviewer keeps one run per submission.
 */

import type { ReviewMessage } from "../contracts/review-message";
import type { EventSink } from "./event-sink";

export const reviewSink: EventSink = {
  name: "reviews",
  async deliver(env, deliveries) {
    const jobs: ReviewMessage[] = [];
    for (const { event } of deliveries) {
      if (event.type !== "deliverable.submitted" || !event.data.auto_review) continue;
      jobs.push({ v: 1, task_id: event.task_id, deliverable_id: event.data.deliverable_id });
    }
    if (jobs.length > 0) await env.REVIEWS.sendBatch(jobs.map((body) => ({ body, contentType: "json" })));
  },
};
