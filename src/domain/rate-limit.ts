/**
 * Exact fixed-window rate limiting: each caller may make `limit` requests per wall-clock
 * minute. The caller's Durable Object keeps the window, so the count is exact across every
 * Worker instance; this module only decides and describes.
 */

export const RATE_WINDOW_MS = 60_000;
/** Requests per minute when RATE_LIMIT_PER_MINUTE is not configured. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 100;

export interface RateWindow {
  /** Start of the current window, ms since the epoch, a multiple of RATE_WINDOW_MS. */
  start: number;
  /** Requests admitted in this window. */
  count: number;
}

export interface RateDecision {
  admitted: boolean;
  window: RateWindow;
  limit: number;
  remaining: number;
  /** When the window resets, in unix seconds. */
  resetAt: number;
  /** Whole seconds until the reset, at least 1. */
  retryAfter: number;
}

/** Counts one request at `now` against `window` (null when none was kept). */
export function countRequest(window: RateWindow | null, now: number, limit: number): RateDecision {
  const start = Math.floor(now / RATE_WINDOW_MS) * RATE_WINDOW_MS;
  const current = window && window.start === start ? window.count : 0;
  const admitted = current < limit;
  const count = admitted ? current + 1 : current;
  const resetMs = start + RATE_WINDOW_MS;
  return {
    admitted,
    window: { start, count },
    limit,
    remaining: Math.max(0, limit - count),
    resetAt: resetMs / 1000,
    retryAfter: Math.max(1, Math.ceil((resetMs - now) / 1000)),
  };
}
