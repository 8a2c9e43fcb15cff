/**
 * CSRF defence for cookie-authenticated requests: a browser always sends `Origin` (and
 * `Sec-Fetch-Site`) on cross-site requests, so a change whose Origin names another site is
 * refused. Scripts that send no Origin are served; they cannot ride a victim's cookie.
 * Streams get the same check although they are GETs: a WebSocket is not bound by CORS, so any
 * site could otherwise open one with the victim's cookie and read the events (cross-site
 * WebSocket hijacking).
 */
import type { Context } from "hono";
import { authErrors, realtimeErrors } from "../../../domain/error-catalogue";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function assertSameOrigin(c: Context): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const foreign = foreignOrigin(c);
  if (foreign !== null) throw authErrors.crossOrigin(foreign);
}

/** For a cookie-authenticated WebSocket or event stream. */
export function assertSameOriginStream(c: Context): void {
  const foreign = foreignOrigin(c);
  if (foreign !== null) throw realtimeErrors.crossOriginStream(foreign);
}

/** The other origin a browser says this request comes from, or null. */
function foreignOrigin(c: Context): string | null {
  const origin = c.req.header("origin");
  if (origin !== undefined) return origin === new URL(c.req.url).origin ? null : origin;
  return c.req.header("sec-fetch-site") === "cross-site" ? "another site" : null;
}
