import { describe, expect, it } from "vitest";
import {
  decideIdempotency,
  IDEMPOTENCY_LOCK_MS,
  type IdempotencyRecord,
  isReplayable,
  type RequestFingerprint,
} from "../../src/domain/idempotency";

const request: RequestFingerprint = { method: "POST", path: "/api/v1/tasks", bodyHash: "abc" };
const now = 1_000_000_000;

function record(overrides: Partial<IdempotencyRecord> & { state: IdempotencyRecord["state"] }): IdempotencyRecord {
  const base = { fingerprint: request, startedAt: now - 1_000, expiresAt: now + 60_000 };
  if (overrides.state === "done") {
    return { ...base, response: { status: 201, body: "{}", contentType: "application/json" }, ...overrides } as IdempotencyRecord;
  }
  return { ...base, ...overrides } as IdempotencyRecord;
}

describe("decideIdempotency", () => {
  it("proceeds with a key it has never seen", () => {
    expect(decideIdempotency(null, request, now)).toEqual({ kind: "proceed" });
  });

  it("replays the stored response for the same request", () => {
    const done = record({ state: "done" });
    expect(decideIdempotency(done, request, now)).toEqual({
      kind: "replay",
      response: { status: 201, body: "{}", contentType: "application/json" },
    });
  });

  it("calls another path, method or body with the same key a mismatch", () => {
    const done = record({ state: "done" });
    for (const other of [
      { ...request, path: "/api/v1/tasks/1/claims" },
      { ...request, method: "PATCH" },
      { ...request, bodyHash: "different" },
    ]) {
      expect(decideIdempotency(done, other, now)).toEqual({ kind: "mismatch", original: request });
    }
  });

  it("reports a running request as in flight, and a mismatched one as a mismatch first", () => {
    const running = record({ state: "in_flight" });
    expect(decideIdempotency(running, request, now)).toEqual({ kind: "in_flight" });
    expect(decideIdempotency(running, { ...request, bodyHash: "x" }, now).kind).toBe("mismatch");
  });

  it("lets a lock older than a minute go: the request that held it crashed", () => {
    const stale = record({ state: "in_flight", startedAt: now - IDEMPOTENCY_LOCK_MS });
    expect(decideIdempotency(stale, request, now)).toEqual({ kind: "proceed" });
  });

  it("treats an expired record as never seen", () => {
    const expired = record({ state: "done", expiresAt: now });
    expect(decideIdempotency(expired, { ...request, bodyHash: "other" }, now)).toEqual({ kind: "proceed" });
  });
});

describe("isReplayable", () => {
  it("keeps successes and client errors, not server failures", () => {
    expect([200, 201, 404, 409, 422, 429, 500, 503].map(isReplayable)).toEqual([true, true, true, true, true, true, false, false]);
  });
});
