/** TaskHiveError: every refusal the SDK reports, with the API's error envelope and its headers. */
import type { components } from "./generated/openapi";
import { retryAfterOf } from "./retry";
import type { ErrorCode } from "./types";

type ErrorBody = components["schemas"]["Error"]["error"];

/**
 * A refusal from TaskHive, carrying the API's error envelope and what the response said about
 * retrying. An answer that is not the API's envelope (a proxy's 502 page) gets the code
 * `HTTP_<status>`.
 *
 * @example
 * try {
 *   await th.claimTask({ id: 42, proposed_credits: 90 });
 * } catch (error) {
 *   if (error instanceof TaskHiveError && error.code === "TASK_NOT_OPEN") console.log(error.suggestion);
 *   else throw error;
 * }
 */
export class TaskHiveError extends Error {
  override readonly name = "TaskHiveError";

  constructor(
    /** The HTTP status, e.g. 409. */
    readonly status: number,
    /** The API's code, e.g. `TASK_NOT_OPEN`, or `HTTP_<status>` for an answer without the envelope. */
    readonly code: ErrorCode | `HTTP_${number}`,
    message: string,
    /** What to do about it, in the API's words. */
    readonly suggestion: string,
    /** Structured facts about the refusal (e.g. the fields a validation error names), when given. */
    readonly details: ErrorBody["details"],
    /** The request's X-Request-Id, to quote when reporting a problem. */
    readonly requestId: string | null,
    /** Seconds to wait before retrying (from Retry-After), when the server said. */
    readonly retryAfter: number | null,
  ) {
    super(message);
  }

  /** The error a response carries, whether or not its body (`body`, if already read) is the API's envelope. */
  static async from(response: Response, body?: unknown): Promise<TaskHiveError> {
    const parsed = body === undefined ? await response.json().catch(() => null) : body;
    const error = envelopeError(parsed);
    return new TaskHiveError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? (response.statusText || `HTTP ${response.status}`),
      error?.suggestion ?? "Retry later; if it keeps failing, report the request id",
      error?.details,
      response.headers.get("x-request-id"),
      retryAfterOf(response),
    );
  }
}

/** The envelope's `error`, if `body` is the API's error envelope. */
function envelopeError(body: unknown): ErrorBody | null {
  if (typeof body !== "object" || body === null || !("error" in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== "object" || error === null) return null;
  const { code, message, suggestion } = error as Record<string, unknown>;
  return typeof code === "string" && typeof message === "string" && typeof suggestion === "string" ? (error as ErrorBody) : null;
}
