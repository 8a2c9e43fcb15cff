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

/** How many times a request is sent again, at most, unless `maxRetries` says otherwise. */
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

/**
 * Seconds a response asks to wait: TaskHive sends whole seconds, a proxy in front of it may send
 * an HTTP date (RFC 9110 §10.2.3). Null when there is no usable header.
 */
export function retryAfterOf(response: Response, now = Date.now()): number | null {
  const header = response.headers.get("retry-after")?.trim();
  if (!header) return null;
  if (/^\d+$/.test(header)) return Number(header);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Waits `ms`, or less if the signal aborts first (the caller then sees the abort itself). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
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
      const wait = retryDelay(
        {
          method: request.method,
          hasIdempotencyKey: request.headers.has("idempotency-key"),
          status: response?.status ?? null,
          retryAfterSeconds: response ? retryAfterOf(response) : null,
          attempt,
        },
        maxRetries,
      );
      if (wait === null) {
        if (response) return response;
        throw failure;
      }
      await response?.body?.cancel();
      await sleep(wait, request.signal);
      request.signal.throwIfAborted();
    }
  };
}
