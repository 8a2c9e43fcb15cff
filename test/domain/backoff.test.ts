import { describe, expect, it } from "vitest";
import { isRetryable, retryDelaySeconds } from "../../src/domain/backoff";

describe("retryDelaySeconds", () => {
  it("doubles the nominal delay with each attempt, from 2 seconds", () => {
    const atMost = (attempts: number) => retryDelaySeconds(attempts, { random: () => 0.999999 });
    expect([1, 2, 3, 4, 5].map(atMost)).toEqual([2, 4, 8, 16, 32]);
  });

  it("never waits less than half the nominal delay", () => {
    const atLeast = (attempts: number) => retryDelaySeconds(attempts, { random: () => 0 });
    expect([1, 2, 3, 4, 5].map(atLeast)).toEqual([1, 2, 4, 8, 16]);
  });

  it("spreads retries between half and all of the nominal delay", () => {
    const delays = new Set(Array.from({ length: 200 }, () => retryDelaySeconds(6)));
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(32);
      expect(d).toBeLessThanOrEqual(64);
    }
    expect(delays.size).toBeGreaterThan(5);
  });

  it("is capped", () => {
    expect(retryDelaySeconds(40, { random: () => 0.999999 })).toBe(3600);
    expect(retryDelaySeconds(5, { capSeconds: 10, random: () => 0.999999 })).toBe(10);
  });
});

describe("isRetryable", () => {
  const failure = (facts: Record<string, unknown>) => Object.assign(new Error("failed"), facts);

  it("retries what the runtime marks transient: retryable, or overloaded (after a backoff)", () => {
    expect(isRetryable(failure({ retryable: true }))).toBe(true);
    expect(isRetryable(failure({ overloaded: true, remote: false }))).toBe(true);
    expect(isRetryable(failure({ retryable: true, remote: true }))).toBe(true);
  });

  it("does not retry an error the object's own code threw: it would fail the same way", () => {
    expect(isRetryable(failure({ remote: true }))).toBe(false);
    expect(isRetryable(failure({ remote: true, retryable: false }))).toBe(false);
  });

  it("retries failures outside Durable Objects (D1, the network)", () => {
    expect(isRetryable(new Error("D1_ERROR: database unavailable"))).toBe(true);
    expect(isRetryable("a string")).toBe(true);
  });
});
