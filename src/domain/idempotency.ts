/**
 * Idempotency-Key rules: a key is scoped to one caller and kept 24 hours. The same key with the
 * same method, path and body replays the stored response; with anything else it is a mismatch;
 * while the first request runs, a repeat is told it is in flight. A lock older than a minute
 * belongs to a request that crashed, so it no longer blocks (and leaves nothing behind).
 */

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_LOCK_MS = 60_000;

/** What makes two requests "the same": method, path (with query) and a digest of the body. */
export interface RequestFingerprint {
  method: string;
  path: string;
  bodyHash: string;
}

export interface StoredResponse {
  status: number;
  body: string;
  contentType: string;
}

export type IdempotencyRecord =
  | { state: "in_flight"; fingerprint: RequestFingerprint; startedAt: number; expiresAt: number }
  | { state: "done"; fingerprint: RequestFingerprint; startedAt: number; expiresAt: number; response: StoredResponse };

export type IdempotencyDecision =
  | { kind: "proceed" }
  | { kind: "replay"; response: StoredResponse }
  | { kind: "mismatch"; original: RequestFingerprint }
  | { kind: "in_flight" };

export function decideIdempotency(existing: IdempotencyRecord | null, request: RequestFingerprint, now: number): IdempotencyDecision {
  if (!existing || existing.expiresAt <= now) return { kind: "proceed" };
  if (existing.state === "in_flight" && now - existing.startedAt >= IDEMPOTENCY_LOCK_MS) return { kind: "proceed" };
  if (!sameRequest(existing.fingerprint, request)) return { kind: "mismatch", original: existing.fingerprint };
  return existing.state === "done" ? { kind: "replay", response: existing.response } : { kind: "in_flight" };
}

/** Whether a finished request's response is kept for replays: everything but server failures. */
export function isReplayable(status: number): boolean {
  return status < 500;
}

function sameRequest(a: RequestFingerprint, b: RequestFingerprint): boolean {
  return a.method === b.method && a.path === b.path && a.bodyHash === b.bodyHash;
}
