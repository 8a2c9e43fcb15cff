/**
 * What one delivery attempt means for its message and its webhook. A 2xx delivers (and resets
 * the webhook's run of failures); 410 Gone says the receiver is gone for good, so the webhook is
 * deactivated at once; anything else, network errors and timeouts included, is a failure that
 * is retried with backoff until the webhook has failed MAX_CONSECUTIVE_FAILURES times in a row.
 */
import { retryDelaySeconds } from "./backoff";

export const WEBHOOK_MESSAGE_STATUSES = ["pending", "delivered", "failed", "dead"] as const;
export type WebhookMessageStatus = (typeof WEBHOOK_MESSAGE_STATUSES)[number];

export const DEACTIVATION_REASONS = ["consecutive_failures", "gone"] as const;
export type DeactivationReason = (typeof DEACTIVATION_REASONS)[number];

/** Failed attempts in a row (across all of a webhook's messages) that deactivate it. */
export const MAX_CONSECUTIVE_FAILURES = 10;
/** One attempt, redirects and reading the response included, must finish within this. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** Bytes of a response kept in the attempt log; the rest is never read. */
export const RESPONSE_EXCERPT_BYTES = 1024;
/** Redirects followed per attempt, each to a URL checked like the webhook's own. */
export const MAX_REDIRECTS = 3;

/**
 * Backoff for webhook retries: first retry after 5–10 s, doubling to at most an hour, so the
 * ten failures that deactivate a webhook take about an hour of a receiver being down, not a
 * few seconds.
 */
const WEBHOOK_BACKOFF = { baseSeconds: 10, capSeconds: 3600 } as const;

export type AttemptVerdict = "delivered" | "gone" | "failed";

/** `statusCode` is null when no response arrived (network error, timeout, refused URL). */
export function verdictOf(statusCode: number | null): AttemptVerdict {
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return "delivered";
  if (statusCode === 410) return "gone";
  return "failed";
}

export function isRedirect(statusCode: number): boolean {
  return [301, 302, 303, 307, 308].includes(statusCode);
}

/**
 * Seconds before retrying after failed attempt number `attempts` (1 for the first): the backoff,
 * or the receiver's Retry-After when it asks for longer, never beyond the backoff cap.
 */
export function webhookRetryDelay(attempts: number, retryAfter: string | null, random?: () => number): number {
  const backoff = retryDelaySeconds(attempts, random ? { ...WEBHOOK_BACKOFF, random } : WEBHOOK_BACKOFF);
  const asked = retryAfterSeconds(retryAfter);
  return Math.min(WEBHOOK_BACKOFF.capSeconds, Math.max(backoff, asked ?? 0));
}

/** Retry-After as delta-seconds or an HTTP date, in seconds from `now`; null when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
