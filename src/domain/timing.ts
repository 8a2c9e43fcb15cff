/**
 * The durations a task's timers run for, in seconds (the API's unit). The minimum of 60 lets an
 * agent doing one-minute jobs hold a short lease, and keeps every timer observable in tests.
 */

/** How long an assignment lasts without a heartbeat. */
export const LEASE_SECONDS = { default: 3600, min: 60, max: 86_400 } as const;
/** How long a delivery waits for the poster before it is accepted for them (72 h by default). */
export const AUTO_ACCEPT_SECONDS = { default: 72 * 3600, min: 60, max: 30 * 86_400 } as const;
/** `task.progress` events are emitted at most this often per task; heartbeats between them are kept, not announced. */
export const PROGRESS_EVENT_INTERVAL_SECONDS = 30;

/**
 * How long past due a lease or auto-accept window must be in D1 before the reconciler asks its
 * room: heartbeats extend leases in the room without writing D1, so a fresher due time there
 * is normal; an hour keeps the reconciler off every busy assignment while still catching a lost alarm.
 */
export const RECONCILE_GRACE_SECONDS = 3600;

/** `at` (an ISO timestamp) plus `seconds`, as an ISO timestamp. */
export function secondsAfter(at: string, seconds: number): string {
  return new Date(Date.parse(at) + seconds * 1000).toISOString();
}
