/**
 * Retry delays for queue consumers: exponential in the attempt number, capped, with "equal
 * jitter" (half the delay fixed, half random) so retries after a shared outage spread out
 * instead of arriving together, while never retrying sooner than half the nominal delay.
 */

export interface BackoffOptions {
  /** Delay of the first retry, seconds. Default: 2. */
  baseSeconds?: number;
  /** Longest delay, seconds. Default: 3600 (Queues allow up to 12 hours). */
  capSeconds?: number;
  /** A number in [0, 1); injectable so tests are deterministic. Default: Math.random. */
  random?: () => number;
}

/** Seconds to wait before retry number `attempts` (1 for the first delivery's retry). */
export function retryDelaySeconds(attempts: number, options: BackoffOptions = {}): number {
  const base = options.baseSeconds ?? 2;
  const cap = options.capSeconds ?? 3600;
  const random = options.random ?? Math.random;
  const nominal = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
  return Math.ceil(nominal / 2 + (nominal / 2) * random());
}

/**
 * Whether a failed step is worth retrying. A Durable Object call says so itself: an error its
 * own code threw (`remote`) fails the same way again, so it goes straight to the dead letters
 * (where an operator can replay it once fixed); one the runtime marks `retryable` or `overloaded`
 * is transient, retried with the backoff above (never at once, so an overloaded object gets air).
 * Anything else (D1, the network) is assumed transient.
 */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return true;
  const facts = error as { remote?: unknown; retryable?: unknown; overloaded?: unknown };
  if (facts.retryable === true || facts.overloaded === true) return true;
  return facts.remote !== true;
}
