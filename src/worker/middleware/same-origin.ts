/**
 * CSRF defence for cookie-authenticated changes: a browser always sends `Origin` (and
 * `Sec-Fetch-Site`) on cross-site requests, so a change whose Origin names another site is
 * refused. Scripts that send no Origin are served; they cannot ride a victim's cookie.
 */
import type { Context } from "hono";
import { authErrors } from "../../domain/error-catalogue";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function assertSameOrigin(c: Context): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== new URL(c.req.url).origin) throw authErrors.crossOrigin(origin);
  if (origin === undefined && c.req.header("sec-fetch-site") === "cross-site") throw authErrors.crossOrigin("another site");
}
