import { describe, expect, it } from "vitest";
import { countRequest, RATE_WINDOW_MS } from "../../src/domain/rate-limit";

const minute = (n: number) => n * RATE_WINDOW_MS;

describe("countRequest", () => {
  it("admits the first request of a window and starts counting at the minute boundary", () => {
    const d = countRequest(null, minute(5) + 12_345, 100);
    expect(d).toMatchObject({ admitted: true, window: { start: minute(5), count: 1 }, remaining: 99, limit: 100 });
    expect(d.resetAt).toBe(minute(6) / 1000);
    expect(d.retryAfter).toBe(48);
  });

  it("admits exactly `limit` requests in one window and refuses the next", () => {
    let window = null;
    const decisions = [];
    for (let i = 0; i < 101; i++) {
      const d = countRequest(window, minute(7) + i, 100);
      window = d.window;
      decisions.push(d);
    }
    expect(decisions.filter((d) => d.admitted)).toHaveLength(100);
    const last = decisions.at(-1);
    expect(last).toMatchObject({ admitted: false, remaining: 0, window: { count: 100 } });
  });

  it("does not count refused requests, so the window stays at the limit", () => {
    const full = { start: minute(3), count: 100 };
    const refused = countRequest(full, minute(3) + 5_000, 100);
    expect(refused.admitted).toBe(false);
    expect(refused.window).toEqual(full);
  });

  it("starts a fresh window in the next minute", () => {
    const full = { start: minute(3), count: 100 };
    expect(countRequest(full, minute(4), 100)).toMatchObject({ admitted: true, window: { start: minute(4), count: 1 } });
  });

  it("tells a refused caller to wait at least one second, rounding up", () => {
    const full = { start: minute(3), count: 10 };
    expect(countRequest(full, minute(4) - 1, 10).retryAfter).toBe(1);
    expect(countRequest(full, minute(3) + 500, 10).retryAfter).toBe(60);
  });
});
