import { describe, expect, it } from "vitest";
import { countRequest, RATE_WINDOW_MS, type RateWindow, RESERVATION_BLOCK, resumeWindow } from "../../src/domain/rate-limit";

const minute = (n: number) => n * RATE_WINDOW_MS;

function run(n: number, limit: number, from: RateWindow | null = null, at = minute(7)) {
  let window = from;
  const decisions = [];
  for (let i = 0; i < n; i++) {
    const d = countRequest(window, at + i, limit);
    window = d.window;
    decisions.push(d);
  }
  return decisions;
}

describe("countRequest", () => {
  it("admits the first request of a window and starts counting at the minute boundary", () => {
    const d = countRequest(null, minute(5) + 12_345, 100);
    expect(d).toMatchObject({ admitted: true, window: { start: minute(5), count: 1 }, remaining: 99, limit: 100 });
    expect(d.resetAt).toBe(minute(6) / 1000);
    expect(d.retryAfter).toBe(48);
  });

  it("admits exactly `limit` requests in one window and refuses the next", () => {
    const decisions = run(101, 100);
    expect(decisions.filter((d) => d.admitted)).toHaveLength(100);
    expect(decisions.at(-1)).toMatchObject({ admitted: false, remaining: 0, window: { count: 100 } });
  });

  it("does not count refused requests, so the window stays at the limit", () => {
    const full = { start: minute(3), count: 100, reserved: 100 };
    const refused = countRequest(full, minute(3) + 5_000, 100);
    expect(refused.admitted).toBe(false);
    expect(refused.window).toEqual(full);
    expect(refused.persist).toBe(false);
  });

  it("starts a fresh window in the next minute", () => {
    const full = { start: minute(3), count: 100, reserved: 100 };
    expect(countRequest(full, minute(4), 100)).toMatchObject({ admitted: true, window: { start: minute(4), count: 1 } });
  });

  it("tells a refused caller to wait at least one second, rounding up", () => {
    const full = { start: minute(3), count: 10, reserved: 10 };
    expect(countRequest(full, minute(4) - 1, 10).retryAfter).toBe(1);
    expect(countRequest(full, minute(3) + 500, 10).retryAfter).toBe(60);
  });
});

describe("reservations", () => {
  it("persists once per block of requests, a block ahead of the count, never past the limit", () => {
    const decisions = run(100, 100);
    const writes = decisions.filter((d) => d.persist);
    expect(writes).toHaveLength(100 / RESERVATION_BLOCK);
    for (const d of decisions) {
      expect(d.window.reserved).toBeGreaterThanOrEqual(d.window.count);
      expect(d.window.reserved).toBeLessThanOrEqual(100);
    }
    expect(writes[0]?.window).toMatchObject({ count: 1, reserved: RESERVATION_BLOCK });
  });

  it("never admits more than the limit across restarts, whenever they happen", () => {
    for (let restartAt = 0; restartAt <= 100; restartAt++) {
      const before = run(restartAt, 100);
      const last = before.at(-1)?.window ?? null;
      const resumed = resumeWindow(last && { start: last.start, reserved: last.reserved });
      const after = run(200, 100, resumed, minute(7) + restartAt);
      const admitted = before.filter((d) => d.admitted).length + after.filter((d) => d.admitted).length;
      expect(admitted).toBeLessThanOrEqual(100);
      // At most one block's worth is refused early because of the restart.
      expect(admitted).toBeGreaterThan(100 - RESERVATION_BLOCK);
    }
  });

  it("resumes nothing when nothing was stored", () => {
    expect(resumeWindow(null)).toBeNull();
  });
});
