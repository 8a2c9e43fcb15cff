/**
 * Header names the API reads or sets beyond the usual ones, in one place: the middleware that
 * sets them and the OpenAPI document that describes them both use these.
 */
export const HEADERS = {
  requestId: "X-Request-Id",
  idempotencyKey: "Idempotency-Key",
  idempotencyReplayed: "X-Idempotency-Replayed",
  rateLimitLimit: "X-RateLimit-Limit",
  rateLimitRemaining: "X-RateLimit-Remaining",
  rateLimitReset: "X-RateLimit-Reset",
  /** IETF draft-ietf-httpapi-ratelimit-headers: the quota policy, e.g. `"default";q=100;w=60`. */
  rateLimitPolicy: "RateLimit-Policy",
  /** IETF draft-ietf-httpapi-ratelimit-headers: the current state, e.g. `"default";r=57;t=23`. */
  rateLimit: "RateLimit",
  retryAfter: "Retry-After",
} as const;
