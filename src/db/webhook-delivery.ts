/**
 * The delivery consumer's side of D1: what one queued message should send and where, and, after
 * an attempt, the attempt log, the message's status and the webhook's health written together
 * in one batch (a transaction), so a crash cannot count an attempt without logging it.
 */
import { and, eq, sql } from "drizzle-orm";
import {
  type AttemptVerdict,
  type DeactivationReason,
  MAX_CONSECUTIVE_FAILURES,
  type WebhookMessageStatus,
} from "../domain/webhook-outcome";
import type { Database } from "./client";
import { webhookAttempts, webhookMessages, webhooks } from "./schema";

export interface DeliveryTarget {
  messageId: number;
  dispatch: number;
  status: WebhookMessageStatus;
  payload: string;
  eventType: string;
  webhook: { id: number; url: string; secretSealed: string; isActive: boolean; deleted: boolean };
}

export async function deliveryTarget(db: Database, messageId: number): Promise<DeliveryTarget | null> {
  const row = await db
    .select({
      messageId: webhookMessages.id,
      dispatch: webhookMessages.dispatch,
      status: webhookMessages.status,
      payload: webhookMessages.payload,
      eventType: webhookMessages.eventType,
      webhookId: webhooks.id,
      url: webhooks.url,
      secretSealed: webhooks.secretSealed,
      isActive: webhooks.isActive,
      deletedAt: webhooks.deletedAt,
    })
    .from(webhookMessages)
    .innerJoin(webhooks, eq(webhooks.id, webhookMessages.webhookId))
    .where(eq(webhookMessages.id, messageId))
    .get();
  if (!row) return null;
  const { webhookId, url, secretSealed, isActive, deletedAt, ...message } = row;
  return { ...message, webhook: { id: webhookId, url, secretSealed, isActive, deleted: deletedAt !== null } };
}

export interface AttemptRecord {
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
  attemptedAt: string;
}

export interface Settlement {
  /** The message's status now; still `pending` when it should be retried. */
  status: WebhookMessageStatus;
  /** False when the message was dispatched again meanwhile: this attempt's queue message is stale. */
  current: boolean;
  /** Set when this attempt deactivated the webhook. */
  deactivated: DeactivationReason | null;
}

/** Logs an attempt and applies what `verdict` means to its message and webhook. */
export async function settleAttempt(
  db: Database,
  target: DeliveryTarget,
  attempt: AttemptRecord,
  verdict: AttemptVerdict,
): Promise<Settlement> {
  const at = attempt.attemptedAt;
  const w = webhooks;
  const failures = sql`${w.consecutiveFailures} + 1`;
  // On failure the webhook is deactivated by the attempt that completes the run; the CASEs read
  // the row as it was before this update, so only that attempt records the reason and time.
  const deactivates = verdict === "gone" ? sql`${w.isActive} = 1` : sql`${w.isActive} = 1 AND ${failures} >= ${MAX_CONSECUTIVE_FAILURES}`;
  const reason: DeactivationReason = verdict === "gone" ? "gone" : "consecutive_failures";
  const health =
    verdict === "delivered"
      ? { consecutiveFailures: 0 }
      : {
          consecutiveFailures: failures,
          isActive: sql`CASE WHEN ${deactivates} THEN 0 ELSE ${w.isActive} END`,
          deactivatedReason: sql`CASE WHEN ${deactivates} THEN ${reason} ELSE ${w.deactivatedReason} END`,
          deactivatedAt: sql`CASE WHEN ${deactivates} THEN ${at} ELSE ${w.deactivatedAt} END`,
        };
  const m = webhookMessages;
  // A failed attempt leaves the message pending (to retry) only while its webhook can still take it.
  const stillDeliverable = sql`(SELECT ${w.isActive} = 1 AND ${w.deletedAt} IS NULL FROM ${w} WHERE ${w.id} = ${target.webhook.id})`;
  const next =
    verdict === "delivered"
      ? sql`'delivered'`
      : verdict === "gone"
        ? sql`'failed'`
        : sql`CASE WHEN ${stillDeliverable} THEN 'pending' ELSE 'failed' END`;
  const [, [webhook], [message]] = await db.batch([
    db.insert(webhookAttempts).values({ messageId: target.messageId, ...attempt }),
    db
      .update(w)
      .set({ ...health, lastDeliveryAt: at, updatedAt: at })
      .where(eq(w.id, target.webhook.id))
      .returning({ isActive: w.isActive, reason: w.deactivatedReason, deactivatedAt: w.deactivatedAt }),
    db
      .update(m)
      .set({
        attempts: sql`${m.attempts} + 1`,
        status: sql`CASE WHEN ${m.dispatch} = ${target.dispatch} THEN ${next} ELSE ${m.status} END`,
        updatedAt: at,
      })
      .where(eq(m.id, target.messageId))
      .returning({ status: m.status, dispatch: m.dispatch }),
  ]);
  if (!webhook || !message) throw new Error(`webhook message ${target.messageId} or its webhook vanished`);
  const deactivatedNow = !webhook.isActive && webhook.deactivatedAt === at && webhook.reason !== null;
  return { status: message.status, current: message.dispatch === target.dispatch, deactivated: deactivatedNow ? webhook.reason : null };
}

/** Ends a message that will not be attempted (again): `failed` (webhook gone) or `dead` (retries exhausted). */
export async function endMessage(db: Database, messageId: number, dispatch: number, status: "failed" | "dead", at: string): Promise<void> {
  await db
    .update(webhookMessages)
    .set({ status, updatedAt: at })
    .where(and(eq(webhookMessages.id, messageId), eq(webhookMessages.dispatch, dispatch), eq(webhookMessages.status, "pending")));
}
