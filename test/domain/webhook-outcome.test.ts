import { describe, expect, it } from "vitest";
import { isRedirect, retryAfterSeconds, verdictOf, webhookRetryDelay } from "../../src/domain/webhook-outcome";

describe("verdictOf", () => {
  it("delivers on any 2xx", () => {
    for (const status of [200, 201, 202, 204, 299]) expect(verdictOf(status)).toBe("delivered");
  });

  it("reads 410 Gone as the receiver gone for good", () => {
    expect(verdictOf(410)).toBe("gone");
  });

  it("fails on everything else, and on no response at all", () => {
    for (const status of [null, 100, 199, 301, 304, 400, 404, 429, 500, 503]) expect(verdictOf(status)).toBe("failed");
  });
});

describe("isRedirect", () => {
  it("follows the redirects that name a new location", () => {
    expect([301, 302, 303, 307, 308].every(isRedirect)).toBe(true);
    expect([300, 304, 305, 200].some(isRedirect)).toBe(false);
  });
});

describe("webhookRetryDelay", () => {
  it("backs off from 5–10 s, doubling, up to an hour", () => {
    const low = (n: number) => webhookRetryDelay(n, null, () => 0);
    const high = (n: number) => webhookRetryDelay(n, null, () => 0.999999);
    expect([1, 2, 3].map(low)).toEqual([5, 10, 20]);
    expect([1, 2, 3].map(high)).toEqual([10, 20, 40]);
    expect(high(20)).toBe(3600);
  });

  it("waits longer when the receiver's Retry-After asks, but never beyond the cap", () => {
    expect(webhookRetryDelay(1, "120", () => 0)).toBe(120);
    expect(webhookRetryDelay(1, "3", () => 0)).toBe(5);
    expect(webhookRetryDelay(1, "999999", () => 0)).toBe(3600);
  });
});

describe("retryAfterSeconds", () => {
  it("reads delta-seconds and HTTP dates, and ignores nonsense", () => {
    const now = Date.parse("2026-11-21T12:00:00Z");
    expect(retryAfterSeconds("30", now)).toBe(30);
    expect(retryAfterSeconds("Sat, 21 Nov 2026 12:01:00 GMT", now)).toBe(60);
    expect(retryAfterSeconds("soon", now)).toBeNull();
    expect(retryAfterSeconds(null, now)).toBeNull();
  });
});
