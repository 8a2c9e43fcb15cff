/**
 * One HTTP attempt of a webhook delivery: POST the signed body, follow at most MAX_REDIRECTS
 * redirects by hand (re-POSTing the same signed body, each Location checked like the webhook's
 * own URL, since an allowed host could otherwise redirect us anywhere), all within one deadline,
 * reading at most RESPONSE_EXCERPT_BYTES of the answer. It never throws: every way an attempt can
 * end is an outcome to log.
 */
import { isRedirect, MAX_REDIRECTS, RESPONSE_EXCERPT_BYTES } from "../domain/webhook-outcome";
import { checkFailureText, type UrlCheck } from "./url-guard";

export interface AttemptOutcome {
  /** The final response's status, or null when none arrived. */
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
  /** The final response's Retry-After header, if any. */
  retryAfter: string | null;
}

export interface AttemptOptions {
  timeoutMs: number;
  /** Checks each redirect's target before it is followed. */
  checkUrl: (url: string) => Promise<UrlCheck>;
}

export async function postWebhook(
  url: URL,
  body: string,
  headers: Readonly<Record<string, string>>,
  options: AttemptOptions,
): Promise<AttemptOutcome> {
  const started = Date.now();
  const signal = AbortSignal.timeout(options.timeoutMs);
  const outcome = (statusCode: number | null, rest: Partial<AttemptOutcome>): AttemptOutcome => ({
    statusCode,
    durationMs: Date.now() - started,
    responseExcerpt: null,
    error: null,
    retryAfter: null,
    ...rest,
  });
  let target = url;
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await fetch(target, { method: "POST", body, headers, redirect: "manual", signal });
      const location = response.headers.get("location");
      if (!isRedirect(response.status) || location === null) {
        const responseExcerpt = await readExcerpt(response);
        return outcome(response.status, { responseExcerpt, retryAfter: response.headers.get("retry-after") });
      }
      await response.body?.cancel();
      if (hop === MAX_REDIRECTS) return outcome(response.status, { error: `gave up after ${MAX_REDIRECTS} redirects (next: ${location})` });
      const next = new URL(location, target).href;
      const check = await options.checkUrl(next);
      if (!check.ok) return outcome(response.status, { error: `redirect to ${next} refused: ${checkFailureText(check)}` });
      target = check.url;
    }
  } catch (error) {
    const reason = signal.aborted ? `timed out after ${options.timeoutMs} ms` : error instanceof Error ? error.message : String(error);
    return outcome(null, { error: reason });
  }
}

/** The start of a response body as text; the rest is never read (a receiver could send gigabytes). */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < RESPONSE_EXCERPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel();
  const bytes = new Uint8Array(Math.min(size, RESPONSE_EXCERPT_BYTES));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
  }
  // A multi-byte character cut at the cap decodes as U+FFFD rather than failing.
  return new TextDecoder().decode(bytes);
}
