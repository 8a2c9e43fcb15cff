/**
 * The Worker's half of idempotency: read and check the Idempotency-Key header, fingerprint the
 * request, replay a stored response, and capture a finished one. The Caller object decides.
 */
import type { Context } from "hono";
import { limitErrors } from "../../domain/error-catalogue";
import { IDEMPOTENCY_KEY_MAX_LENGTH, type RequestFingerprint, type StoredResponse } from "../../domain/idempotency";
import { sha256Hex } from "../auth/tokens";
import type { AppEnv } from "./context";
import { HEADERS } from "./headers";

const KEYED_METHODS = new Set(["POST", "PATCH", "DELETE"]);

/** The key and fingerprint of a request that carries a valid Idempotency-Key, else null. */
export async function idempotencyOf(c: Context<AppEnv>): Promise<{ key: string; fingerprint: RequestFingerprint } | null> {
  const key = c.req.header(HEADERS.idempotencyKey);
  if (key === undefined || !KEYED_METHODS.has(c.req.method)) return null;
  if (key.length === 0) throw limitErrors.idempotencyKeyEmpty();
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH) throw limitErrors.idempotencyKeyTooLong(key.length, IDEMPOTENCY_KEY_MAX_LENGTH);
  const url = new URL(c.req.url);
  const body = await c.req.text();
  return { key, fingerprint: { method: c.req.method, path: url.pathname + url.search, bodyHash: await sha256Hex(body) } };
}

export function replayResponse(stored: StoredResponse, headers: Headers): Response {
  headers.set("content-type", stored.contentType);
  headers.set(HEADERS.idempotencyReplayed, "true");
  return new Response(stored.body, { status: stored.status, headers });
}

export async function storedResponseOf(response: Response): Promise<StoredResponse> {
  return {
    status: response.status,
    body: await response.clone().text(),
    contentType: response.headers.get("content-type") ?? "application/json",
  };
}
