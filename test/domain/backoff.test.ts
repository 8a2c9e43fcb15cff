import { describe, expect, it } from "vitest";
import { retryDelaySeconds } from "../../src/domain/backoff";

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
