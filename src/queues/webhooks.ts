/**
 * The webhooks queue's consumer: one HTTP attempt per queued message. It skips messages that are
 * stale (redelivered since), already settled, or whose webhook is deactivated or deleted (those
 * are marked failed); otherwise it checks the URL (again: DNS may have changed), signs, POSTs,
 * logs the attempt and settles message and webhook together. A failure still pending is retried
 * with backoff (or the receiver's longer Retry-After); after the queue's max_retries the message
 * reaches the dead-letter queue (webhook-dead-letters.ts).
 */
import { type Database, database } from "../db/client";
import { type DeliveryTarget, deliveryTarget, endMessage, settleAttempt } from "../db/webhook-delivery";
import { ATTEMPT_TIMEOUT_MS, verdictOf, webhookRetryDelay } from "../domain/webhook-outcome";
import { WebhookPayloadSchema, webhookMessageId } from "../domain/webhook-payload";
import { signatureHeaders } from "../domain/webhook-signature";
import type { AppBindings } from "../env";
import { openWebhookSecret } from "../webhooks/secret";
import { type AttemptOutcome, postWebhook } from "../webhooks/transport";
import { checkFailureText, checkWebhookUrl } from "../webhooks/url-guard";
import { recordDeadLetter } from "./dead-letters";
import { type WebhookQueueMessage, WebhookQueueMessageSchema } from "./webhook-message";

const USER_AGENT = "TaskHive-Webhooks/1.0";

export interface DeliveryOptions {
  /** Deadline of one attempt; tests shorten it. */
  timeoutMs: number;
}

export async function consumeWebhooks(
  batch: MessageBatch<unknown>,
  env: AppBindings,
  options: DeliveryOptions = { timeoutMs: ATTEMPT_TIMEOUT_MS },
): Promise<void> {
  const db = database(env.DB);
  // Messages are independent: one slow receiver must not hold up another's delivery.
  await Promise.all(batch.messages.map((message) => handle(db, env, batch.queue, message, options)));
}

async function handle(db: Database, env: AppBindings, queue: string, message: Message<unknown>, options: DeliveryOptions): Promise<void> {
  const parsed = WebhookQueueMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    // No deployment writes this shape: retrying cannot help, but it is kept for inspection.
    console.error(JSON.stringify({ at: "queue.webhooks", message: message.id, error: parsed.error.message }));
    await recordDeadLetter(db, queue, message);
    message.ack();
    return;
  }
  try {
    const retry = await deliver(db, env, parsed.data, options);
    if (retry) message.retry({ delaySeconds: webhookRetryDelay(message.attempts, retry.retryAfter) });
    else message.ack();
  } catch (error) {
    // Our own failure (D1, the encryption key): retry like a failed attempt, without blaming the receiver.
    console.error(JSON.stringify({ at: "queue.webhooks", message: message.id, attempts: message.attempts, error: String(error) }));
    message.retry({ delaySeconds: webhookRetryDelay(message.attempts, null) });
  }
}

/** Makes the attempt if one is due; returns what to retry with, or null when the message is done. */
async function deliver(
  db: Database,
  env: AppBindings,
  queued: WebhookQueueMessage,
  options: DeliveryOptions,
): Promise<{ retryAfter: string | null } | null> {
  const target = await deliveryTarget(db, queued.message_id);
  if (!target || target.dispatch !== queued.dispatch || target.status !== "pending") return null;
  if (!target.webhook.isActive || target.webhook.deleted) {
    await endMessage(db, target.messageId, target.dispatch, "failed", new Date().toISOString());
    return null;
  }
  const attemptedAt = new Date().toISOString();
  const attempt = await attemptDelivery(env, target, options);
  const { statusCode, durationMs, responseExcerpt, error } = attempt;
  const settlement = await settleAttempt(
    db,
    target,
    { statusCode, durationMs, responseExcerpt, error, attemptedAt },
    verdictOf(statusCode),
  );
  if (settlement.deactivated) {
    console.warn(JSON.stringify({ at: "queue.webhooks", webhook: target.webhook.id, deactivated: settlement.deactivated }));
  }
  return settlement.current && settlement.status === "pending" ? { retryAfter: attempt.retryAfter } : null;
}

async function attemptDelivery(env: AppBindings, target: DeliveryTarget, options: DeliveryOptions): Promise<AttemptOutcome> {
  const checkUrl = (url: string) => checkWebhookUrl(url, env.ENVIRONMENT);
  const check = await checkUrl(target.webhook.url);
  if (!check.ok)
    return { statusCode: null, durationMs: 0, responseExcerpt: null, error: `not sent: ${checkFailureText(check)}`, retryAfter: null };
  const payload = WebhookPayloadSchema.parse(JSON.parse(target.payload));
  const secret = await openWebhookSecret(env, target.webhook.secretSealed);
  // Signed afresh per attempt: the timestamp is the attempt's, the webhook-id the message's.
  const signatures = await signatureHeaders(secret, webhookMessageId(payload), Math.floor(Date.now() / 1000), target.payload);
  const headers = { "content-type": "application/json", "user-agent": USER_AGENT, "X-TaskHive-Event": payload.type, ...signatures };
  return postWebhook(check.url, target.payload, headers, { timeoutMs: options.timeoutMs, checkUrl });
}
