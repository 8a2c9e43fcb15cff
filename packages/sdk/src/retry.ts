/**
 * When to send a request again, and after how long. Refusals that happened before anything was
 * done (429, and 503 with Retry-After) are retried for every request after the time the server
 * asked for; server errors and lost connections only for reads and for mutations carrying an
 * Idempotency-Key, which the server replays instead of acting twice. Delays grow exponentially
 * with full jitter so many clients do not retry in step.
 */
export interface Attempt {
  method: string;
  hasIdempotencyKey: boolean;
  /** The response's status, or null when the connection failed. */
  status: number | null;
  retryAfterSeconds: number | null;
  /** 0 for the first retry. */
  attempt: number;
}

export const MAX_RETRIES = 3;
const BASE_MS = 500;
const MAX_WAIT_MS = 60_000;

/** Milliseconds to wait before the next try, or null to stop and report what happened. */
export function retryDelay(a: Attempt, maxRetries = MAX_RETRIES, random = Math.random): number | null {
  if (a.attempt >= maxRetries) return null;
  const safeToRepeat = a.method === "GET" || a.hasIdempotencyKey;
  const refusedUpFront = a.status === 429 || (a.status === 503 && a.retryAfterSeconds !== null);
  if (!refusedUpFront && !(safeToRepeat && (a.status === null || a.status >= 500))) return null;
  if (a.retryAfterSeconds !== null) return Math.min(MAX_WAIT_MS, a.retryAfterSeconds * 1000 + Math.floor(random() * 250));
  return Math.floor(random() * Math.min(MAX_WAIT_MS, BASE_MS * 2 ** a.attempt));
}

/** A fetch that retries by `retryDelay`, each attempt with a fresh copy of the request. */
export function retryingFetch(base: typeof fetch, maxRetries = MAX_RETRIES): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    for (let attempt = 0; ; attempt++) {
      let response: Response | null = null;
      let failure: unknown = null;
      try {
        response = await base(request.clone());
      } catch (error) {
        if (request.signal.aborted) throw error;
        failure = error;
      }
      const retryAfter = response?.headers.get("retry-after");
      const wait = retryDelay(
        {
          method: request.method,
          hasIdempotencyKey: request.headers.has("idempotency-key"),
          status: response?.status ?? null,
          retryAfterSeconds: retryAfter == null || Number.isNaN(Number(retryAfter)) ? null : Number(retryAfter),
          attempt,
        },
        maxRetries,
      );
      if (wait === null) {
        if (response) return response;
        throw failure;
      }
      await response?.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
}
