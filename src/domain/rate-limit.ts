/**
 * Exact fixed-window rate limiting: each caller may make `limit` requests per wall-clock
 * minute. The caller's Durable Object keeps the window, so the count is exact across every
 * Worker instance; this module only decides and describes.
 *
 * Persisting every request would cost a storage write each. Instead the object persists a
 * reservation a block ahead of the count, and a restarted object resumes from the reservation:
 * it may then refuse up to a block's worth early, but never admits more than the limit.
 *
 * A Worker instance may also take a lease: requests granted ahead, counted here when granted, that
 * the instance then admits itself (see rate-lease.ts). Unspent ones come back with its next call.
 */

export const RATE_WINDOW_MS = 60_000;
/** Requests per minute when RATE_LIMIT_PER_MINUTE is not configured. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 100;
/** How far ahead of the count a reservation is persisted. */
export const RESERVATION_BLOCK = 10;

export interface RateWindow {
  /** Start of the current window, ms since the epoch, a multiple of RATE_WINDOW_MS. */
  start: number;
  /** Requests admitted in this window. */
  count: number;
  /** The count persisted; never below `count`. A restart resumes from it. */
  reserved: number;
}

/** What storage keeps of a window. */
export type StoredWindow = Pick<RateWindow, "start" | "reserved">;

export interface RateDecision {
  admitted: boolean;
  window: RateWindow;
  /** Whether the reservation grew and must be persisted before answering. */
  persist: boolean;
  limit: number;
  remaining: number;
  /** When the window resets, in unix seconds. */
  resetAt: number;
  /** Whole seconds until the reset, at least 1. */
  retryAfter: number;
  /** Requests granted beyond this one, for the asking instance to admit itself. */
  granted: number;
}

/** The window a restarted object resumes: as if every reserved request had been used. */
export function resumeWindow(stored: StoredWindow | null): RateWindow | null {
  return stored ? { start: stored.start, count: stored.reserved, reserved: stored.reserved } : null;
}

/** Requests a lease gives back: granted in the window starting at `windowStart`, never admitted. */
export interface Unspent {
  windowStart: number;
  requests: number;
}

/**
 * Counts one request at `now` against `window` (null when none was kept), and grants up to
 * `ahead` more to the caller's instance if the window has room. `unspent` requests, granted
 * earlier in this window and never admitted, are first taken off the count.
 */
export function countRequest(
  window: RateWindow | null,
  now: number,
  limit: number,
  ahead = 0,
  unspent: Unspent | null = null,
): RateDecision {
  const start = Math.floor(now / RATE_WINDOW_MS) * RATE_WINDOW_MS;
  const kept = window && window.start === start ? window : { start, count: 0, reserved: 0 };
  const returned = unspent && unspent.windowStart === start ? Math.min(kept.count, Math.max(0, unspent.requests)) : 0;
  const current = { ...kept, count: kept.count - returned };
  const admitted = current.count < limit;
  const granted = admitted ? Math.max(0, Math.min(ahead, limit - current.count - 1)) : 0;
  const count = admitted ? current.count + 1 + granted : current.count;
  const persist = count > current.reserved;
  const reserved = persist ? Math.min(limit, count + RESERVATION_BLOCK - 1) : current.reserved;
  const resetMs = start + RATE_WINDOW_MS;
  return {
    admitted,
    window: { start, count, reserved },
    persist,
    limit,
    remaining: Math.max(0, limit - count),
    resetAt: resetMs / 1000,
    retryAfter: Math.max(1, Math.ceil((resetMs - now) / 1000)),
    granted,
  };
}
