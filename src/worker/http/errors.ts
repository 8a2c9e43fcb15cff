/**
 * The single error handler: every failure, thrown anywhere, leaves as the contract's error
 * envelope. Unknown errors are logged with the request id and answered with INTERNAL_ERROR,
 * never a stack trace.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestErrors } from "../../domain/error-catalogue";
import { AppError } from "../../domain/errors";
import type { AppEnv } from "./context";
import { metaOf } from "./envelope";

export function onError(err: Error, c: Context<AppEnv>): Response {
  const error = toAppError(err, c);
  if (error.status >= 500) {
    console.error(JSON.stringify({ at: "onError", request_id: c.get("requestId"), path: c.req.path, error: err.stack ?? String(err) }));
  }
  return c.json({ ok: false as const, error: error.toBody(), meta: metaOf(c) }, error.status);
}

export function notFound(c: Context<AppEnv>): Response {
  return onError(requestErrors.routeNotFound(c.req.method, c.req.path), c);
}

function toAppError(err: Error, c: Context<AppEnv>): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    // Raised by Hono's own body handling, before our validators see the body.
    if (err.status === 415) return requestErrors.unsupportedMediaType(c.req.header("content-type") ?? "");
    if (err.status === 400) return requestErrors.malformedJson();
  }
  return requestErrors.internal(c.get("requestId") ?? "unknown");
}
