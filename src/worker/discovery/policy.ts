/**
 * Which operations the cross-cutting machinery covers, decided in one place from each
 * operation's path, method and security, so the OpenAPI document and the skill files describe
 * exactly what the middleware does: `authenticate` guards every /api/v1 route that declares a
 * security requirement (the public ones declare none), and with it come the per-caller rate
 * limit and, on POST/PATCH/DELETE, Idempotency-Key. Routes outside /api/v1 (/auth/*) have
 * neither.
 */
import { API_BASE } from "../../domain/constants";
import { IDEMPOTENCY_KEY_MAX_LENGTH } from "../../domain/idempotency";
import type { OperationEntry } from "./openapi-types";

const GUARDED_PREFIX = `${API_BASE}/`;
const MUTATIONS = new Set(["POST", "PATCH", "DELETE"]);

// The documents state the default limit because they are generated without a deployment's vars.
export { DEFAULT_RATE_LIMIT_PER_MINUTE } from "../../domain/rate-limit";
export { IDEMPOTENCY_KEY_MAX_LENGTH };
/** The Retry-After (seconds) the documents' examples show. */
export const SAMPLE_RETRY_AFTER = 23;

/** Authenticated by the /api/v1 middleware, and so rate limited. */
export function isGuarded(entry: Pick<OperationEntry, "path" | "operation">): boolean {
  return entry.path.startsWith(GUARDED_PREFIX) && (entry.operation.security?.length ?? 0) > 0;
}

/** Honours Idempotency-Key. */
export function isIdempotent(entry: Pick<OperationEntry, "path" | "method" | "operation">): boolean {
  return isGuarded(entry) && MUTATIONS.has(entry.method);
}

/** Whether a response with this status to a guarded request carries the rate-limit headers. */
export function carriesRateHeaders(status: number): boolean {
  // Authentication fails before the request is counted, so a 401 has none.
  return status !== 401;
}

/** Whether a response with this status may be a replay of a stored one. */
export function mayBeReplayed(status: number): boolean {
  // Server failures are never stored; 401 and 429 are decided before the key is looked up.
  return status < 500 && status !== 401 && status !== 429;
}
