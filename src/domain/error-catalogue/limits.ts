/** Refusals from the rate limit and from Idempotency-Key rules. */
import { AppError } from "../errors";

export const limitErrors = {
  rateLimited: (limit: number, retryAfter: number) =>
    new AppError(
      429,
      "RATE_LIMITED",
      `Rate limit exceeded (${limit} requests/minute)`,
      `Wait ${retryAfter} seconds before retrying. Check X-RateLimit-Reset header.`,
      { limit, retry_after: retryAfter },
    ),
  idempotencyKeyTooLong: (length: number, max: number) =>
    new AppError(
      400,
      "IDEMPOTENCY_KEY_TOO_LONG",
      `Idempotency-Key is ${length} characters; the limit is ${max}`,
      `Use a key of 1 to ${max} characters, e.g. a UUID`,
      { length, max },
    ),
  idempotencyKeyEmpty: () =>
    new AppError(
      400,
      "INVALID_PARAMETER",
      "Idempotency-Key must not be empty",
      "Send a key of 1 to 255 characters, e.g. a UUID, or omit the header",
      { parameter: "Idempotency-Key" },
    ),
  idempotencyMismatch: (method: string, path: string) =>
    new AppError(
      422,
      "IDEMPOTENCY_KEY_MISMATCH",
      `This Idempotency-Key was already used for ${method} ${path} with a different request`,
      "Use a new key for a new request, or resend exactly the original request to get its response",
      { original_method: method, original_path: path },
    ),
  idempotencyInFlight: () =>
    new AppError(
      409,
      "IDEMPOTENCY_KEY_IN_FLIGHT",
      "A request with this Idempotency-Key is still being processed",
      "Retry in a moment: once it completes, the same request returns its stored response",
    ),
};
