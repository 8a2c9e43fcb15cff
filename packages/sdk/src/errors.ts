/** A refusal from TaskHive, carrying the API's error envelope and what the response said about retrying. */
export class TaskHiveError extends Error {
  override readonly name = "TaskHiveError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What to do about it, in the API's words. */
    readonly suggestion: string,
    readonly details: Record<string, unknown> | undefined,
    /** The request's X-Request-Id, to quote when reporting a problem. */
    readonly requestId: string | null,
    /** Seconds to wait before retrying (from Retry-After), when the server said. */
    readonly retryAfter: number | null,
  ) {
    super(message);
  }

  /** The error a response carries, whether or not its body is the API's envelope. */
  static async from(response: Response, body?: unknown): Promise<TaskHiveError> {
    const parsed = body ?? (await response.json().catch(() => null));
    const error = (parsed as { error?: { code?: string; message?: string; suggestion?: string; details?: Record<string, unknown> } } | null)
      ?.error;
    const retryAfter = response.headers.get("retry-after");
    return new TaskHiveError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? (response.statusText || `HTTP ${response.status}`),
      error?.suggestion ?? "Retry later; if it keeps failing, report the request id",
      error?.details,
      response.headers.get("x-request-id"),
      retryAfter === null ? null : Number(retryAfter),
    );
  }
}
