import { describe, expect, it } from "vitest";
import { grantedRate, grantLease, LEASE_MS, type Lease, leaseTerms, MAX_LEASE, spendLease } from "../../src/domain/rate-lease";
import { countRequest, RATE_WINDOW_MS, type RateWindow } from "../../src/domain/rate-limit";

const minute = (n: number) => n * RATE_WINDOW_MS;

/** One Worker instance admitting `n` requests at `at`, asking its Caller (the window) only when its lease cannot. */
function instance(limit: number) {
  let lease: Lease<string> | undefined;
  let window: RateWindow | null = null;
  let callerCalls = 0;
  const admit = (now: number) => {
    const spent = spendLease(lease, now);
    if (spent) {
      lease = spent.lease;
      return { admitted: true, remaining: spent.rate.remaining };
    }
    const terms = leaseTerms(lease, now);
    if (lease) lease = { ...lease, left: 0 };
    callerCalls++;
    const decision = countRequest(window, now, limit, terms.ahead, terms.unspent);
    window = decision.window;
    if (!decision.admitted) {
      lease = undefined;
      return { admitted: false, remaining: 0 };
    }
    lease = grantLease("agent:1", decision, now);
    return { admitted: true, remaining: grantedRate(decision).remaining };
  };
  return { admit, calls: () => callerCalls, window: () => window };
}

describe("rate leases", () => {
  it("admit exactly the limit in a window, with exact remaining counts, while asking the Caller far less often", () => {
    const one = instance(100);
    const results = Array.from({ length: 130 }, (_, i) => one.admit(minute(3) + i));
    expect(results.filter((r) => r.admitted)).toHaveLength(100);
    expect(results.slice(0, 100).map((r) => r.remaining)).toEqual(Array.from({ length: 100 }, (_, i) => 99 - i));
    expect(one.calls()).toBeLessThan(40);
  });

  it("give unspent requests back, so an expired lease costs the caller nothing", () => {
    const one = instance(100);
    for (let i = 0; i < 10; i++) one.admit(minute(3) + i);
    // The caller pauses past the lease's life: its unspent requests return with the next call.
    const later = one.admit(minute(3) + 10 * LEASE_MS);
    const admittedSoFar = 11;
    expect(later.remaining).toBe(100 - admittedSoFar);
    expect(one.window()?.count).toBe(admittedSoFar);
  });

  it("take no lease for an occasional caller: every request is counted by its Caller", () => {
    const one = instance(100);
    for (let i = 0; i < 5; i++) one.admit(minute(3) + i * 3 * LEASE_MS);
    expect(one.calls()).toBe(5);
    expect(one.window()?.count).toBe(5);
  });

  it("never grant more than MAX_LEASE ahead, nor past the limit", () => {
    const busy = leaseTerms({ ...grantLease("x", countRequest(null, 0, 1000, 0), 0), used: 500 }, 10);
    expect(busy.ahead).toBe(MAX_LEASE);
    const nearlyFull = { start: minute(1), count: 97, reserved: 100 };
    const d = countRequest(nearlyFull, minute(1) + 5, 100, MAX_LEASE);
    expect(d.granted).toBe(2);
    expect(d.window.count).toBe(100);
  });

  it("do not outlive the window they were granted in", () => {
    const d = countRequest(null, minute(2) - 100, 100, 10);
    const lease = grantLease("x", d, minute(2) - 100);
    expect(lease.expiresAt).toBe(minute(2));
    expect(spendLease(lease, minute(2))).toBeNull();
  });

  it("ignore unspent requests of an earlier window", () => {
    const window = { start: minute(5), count: 50, reserved: 50 };
    const d = countRequest(window, minute(5) + 1, 100, 0, { windowStart: minute(4), requests: 30 });
    expect(d.window.count).toBe(51);
  });
});
