/**
 * This isolate's rate leases, one per credential (domain/rate-lease.ts): most requests of a busy
 * caller are admitted here, without a round trip to its Caller object. A lease is only ever
 * taken by a request without an Idempotency-Key, and dropped by this isolate the moment a route
 * here changes the caller's key, status or session.
 */

import type { CallerRef, Principal } from "../../domain/principal";
import { grantLease, type Lease, type LeasedRate, leaseTerms, spendLease } from "../../domain/rate-lease";
import type { RateDecision, Unspent } from "../../domain/rate-limit";

const CACHE_LIMIT = 10_000;
const leases = new Map<string, Lease<Principal>>();

/** The principal and headers of a request this isolate admits by itself, or null to ask the Caller. */
export function admitLeased(credentialKey: string, now: number): { principal: Principal; rate: LeasedRate } | null {
  const spent = spendLease(leases.get(credentialKey), now);
  if (!spent) return null;
  leases.set(credentialKey, spent.lease);
  return { principal: spent.lease.principal, rate: spent.rate };
}

/** Credentials whose lease this isolate is renewing now. */
const renewing = new Set<string>();

/**
 * What to ask the Caller for; the unspent requests it returns are no longer this isolate's. One
 * request at a time per credential asks for requests ahead: concurrent ones are counted one by
 * one, so no lease is granted only to be replaced by another (its requests counted, never used).
 * Call `renewed` when the Caller has answered.
 */
export function renewLease(credentialKey: string, now: number): { ahead: number; unspent: Unspent | null } {
  if (renewing.has(credentialKey)) return { ahead: 0, unspent: null };
  const previous = leases.get(credentialKey);
  const terms = leaseTerms(previous, now);
  if (previous && terms.unspent) leases.set(credentialKey, { ...previous, left: 0 });
  if (terms.ahead > 0) renewing.add(credentialKey);
  return terms;
}

export function renewed(credentialKey: string): void {
  renewing.delete(credentialKey);
}

/** Keeps what the Caller granted with an admission, unless that is nothing and a live lease still has requests. */
export function keepLease(credentialKey: string, principal: Principal, rate: RateDecision, now: number): void {
  const current = leases.get(credentialKey);
  if (rate.granted === 0 && current && current.left > 0 && now < current.expiresAt) return;
  if (!current && leases.size >= CACHE_LIMIT) leases.delete(leases.keys().next().value ?? "");
  leases.set(credentialKey, grantLease(principal, rate, now));
}

/** Forgets the lease of a credential the Caller refused. */
export function dropLease(credentialKey: string): void {
  leases.delete(credentialKey);
}

/** Forgets every lease of a caller whose key, status or session just changed. */
export function dropLeasesOf(ref: CallerRef): void {
  for (const [key, lease] of leases) {
    const p = lease.principal;
    const id = p.kind === "agent" ? p.agent.id : p.userId;
    if (p.kind === ref.kind && id === ref.id) leases.delete(key);
  }
}
