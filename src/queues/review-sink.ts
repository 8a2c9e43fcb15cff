/**
 * Starts the reviewer: every `deliverable.submitted` event of an auto-reviewed task becomes a job
 * on the reviews queue. A redelivered event queues the job again, which is harmless: the
 * reviewer keeps one run per submission.
 */
import type { EventSink } from "./event-sinks";
import type { ReviewMessage } from "./review/review-message";

export const reviewSink: EventSink = {
  name: "reviews",
  async deliver(env, deliveries) {
    const jobs: ReviewMessage[] = [];
    for (const { event } of deliveries) {
      const deliverableId = event.data["deliverable_id"];
      if (event.type !== "deliverable.submitted" || event.data["auto_review"] !== true || typeof deliverableId !== "number") continue;
      jobs.push({ v: 1, task_id: event.task_id, deliverable_id: deliverableId });
    }
    if (jobs.length > 0) await env.REVIEWS.sendBatch(jobs.map((body) => ({ body, contentType: "json" })));
  },
};
