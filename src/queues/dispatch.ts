/** The Worker's queue handler: each queue named in wrangler.toml has one consumer. */
import { consumeDeadLetters } from "./dead-letters";
import { consumeEvents } from "./events";
import { consumeReviewDeadLetters, consumeReviews } from "./reviews/consumer";
import { consumeSwarm, consumeSwarmDeadLetters } from "./swarm/consumer";
import { consumeWebhookDeadLetters } from "./webhook-dead-letters";
import { consumeWebhooks } from "./webhooks";

type Consumer = (batch: MessageBatch<unknown>, env: Env) => Promise<void>;

const CONSUMERS: Record<string, Consumer> = {
  "taskhive-events": consumeEvents,
  "taskhive-events-dlq": consumeDeadLetters,
  "taskhive-webhooks": consumeWebhooks,
  "taskhive-webhooks-dlq": consumeWebhookDeadLetters,
  "taskhive-reviews": consumeReviews,
  "taskhive-reviews-dlq": consumeReviewDeadLetters,
  "taskhive-swarm": consumeSwarm,
  "taskhive-swarm-dlq": consumeSwarmDeadLetters,
};

export async function dispatchQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const consumer = CONSUMERS[batch.queue];
  if (!consumer) throw new Error(`no consumer for queue ${batch.queue}`);
  await consumer(batch, env);
}
