/**
 * A Worker instance's lease on a caller's rate window: requests its Caller object granted ahead
 * (and counted when granting), which the instance then admits by itself, without a round trip.
 * The window stays exact: a lease never admits what the Caller did not count, and requests a
 * lease did not use go back with the instance's next call. A lease lives at most LEASE_MS, so a
 * revoked key, a paused agent or an ended session is refused by every instance within that
 * time, and at once by the instance that made the change (it drops its leases for the caller).
 *
 * Leases grow with demand: a caller that asks again soon after its last lease gets twice as many
 * as it used, up to MAX_LEASE; an occasional caller gets none and every request is counted by
 * its Caller object as before.
 */
import type { RateDecision, Unspent } from "./rate-limit";

export const LEASE_MS = 1_000;
export const MAX_LEASE = 20;

export interface Lease<P> {
  principal: P;
  /** Requests this instance may still admit by itself. */
  left: number;
  /** Requests it admitted from this lease so far. */
  used: number;
  /** What the window had left when granted, this lease's requests already taken off. */
  windowRemaining: number;
  limit: number;
  windowStart: number;
  resetAt: number;
  expiresAt: number;
}

/** What the rate-limit headers of a request admitted from a lease say. */
export interface LeasedRate {
  limit: number;
  remaining: number;
  resetAt: number;
}

/** Admits one request from `lease`, or null when it is used up or has expired. */
export function spendLease<P>(lease: Lease<P> | undefined, now: number): { lease: Lease<P>; rate: LeasedRate } | null {
  if (!lease || lease.left <= 0 || now >= lease.expiresAt) return null;
  const next = { ...lease, left: lease.left - 1, used: lease.used + 1 };
  return { lease: next, rate: { limit: next.limit, remaining: next.windowRemaining + next.left, resetAt: next.resetAt } };
}

/**
 * What to ask the Caller object for when `previous` cannot admit: how many requests ahead, and
 * the unspent ones to give back. The caller must then clear `previous.left` before its next
 * await, so the same requests are never given back twice.
 */
export function leaseTerms<P>(previous: Lease<P> | undefined, now: number): { ahead: number; unspent: Unspent | null } {
  if (!previous) return { ahead: 0, unspent: null };
  const busy = now < previous.expiresAt + LEASE_MS;
  const unspent = previous.left > 0 ? { windowStart: previous.windowStart, requests: previous.left } : null;
  return { ahead: busy ? Math.min(MAX_LEASE, Math.max(1, previous.used * 2)) : 0, unspent };
}

/** The lease a Caller's admission grants: `rate.granted` requests, until the window or LEASE_MS ends. */
export function grantLease<P>(principal: P, rate: RateDecision, now: number): Lease<P> {
  return {
    principal,
    left: rate.granted,
    used: 0,
    windowRemaining: rate.remaining,
    limit: rate.limit,
    windowStart: rate.window.start,
    resetAt: rate.resetAt,
    expiresAt: Math.min(now + LEASE_MS, rate.resetAt * 1000),
  };
}

/** The headers of the request the Caller admitted with a lease: the lease's requests are still to come. */
export function grantedRate(rate: RateDecision): LeasedRate {
  return { limit: rate.limit, remaining: rate.remaining + rate.granted, resetAt: rate.resetAt };
}
