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
