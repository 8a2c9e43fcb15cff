/**
 * Runs one /api/v1 (or /auth) operation in-process, through the whole app: authentication,
 * rate limit, validation and idempotency apply exactly as to a request from outside. The
 * dashboard, the MCP server and the A2A endpoint all act through it, so none of them can drift
 * from the REST contract.
 */
import type { Context, Hono } from "hono";
import type { ErrorBody } from "../../domain/errors";
import type { AppBindings } from "../../env";
import type { AppEnv } from "./context";
import { HEADERS } from "./headers";

export type ApiFailure = { ok: false; status: number; error: ErrorBody; setCookie: string[]; retryAfter: number | null };
export type ApiResult<T> = { ok: true; status: number; data: T; cursor: string | null; setCookie: string[]; retryAfter: null } | ApiFailure;

export interface OperationCall {
  method: string;
  /** Path and query, e.g. `/api/v1/tasks/7/claims?limit=5`. */
  path: string;
  body?: unknown;
  /** Forwarded so a repeated call replays instead of acting twice. */
  idempotencyKey?: string | undefined;
  /** The caller's own credentials (its `authorization` or `cookie` header), passed through as they came. */
  credentials: Record<string, string>;
}

export type Fetcher = Pick<Hono<AppEnv>, "fetch">;

/** The operation's response as the app answered it (for callers that pass the envelope on as it is). */
export function sendOperation(app: Fetcher, c: Context<AppEnv>, bindings: AppBindings, call: OperationCall): Promise<Response> {
  const origin = new URL(c.req.url).origin;
  const headers = new Headers({ ...call.credentials, origin, accept: "application/json" });
  if (call.body !== undefined) headers.set("content-type", "application/json");
  if (call.idempotencyKey) headers.set("idempotency-key", call.idempotencyKey);
  const request = new Request(new URL(call.path, origin), {
    method: call.method,
    headers,
    body: call.body === undefined ? null : JSON.stringify(call.body),
  });
  return Promise.resolve(app.fetch(request, bindings, c.executionCtx));
}

export async function runOperation<T>(app: Fetcher, c: Context<AppEnv>, bindings: AppBindings, call: OperationCall): Promise<ApiResult<T>> {
  const response = await sendOperation(app, c, bindings, call);
  const setCookie = response.headers.getSetCookie();
  const json = (await response.json()) as { ok: boolean; data?: T; meta?: { cursor?: string | null }; error?: ErrorBody };
  if (json.ok && json.data !== undefined) {
    return { ok: true, status: response.status, data: json.data, cursor: json.meta?.cursor ?? null, setCookie, retryAfter: null };
  }
  const error = json.error ?? { code: "INTERNAL_ERROR", message: "Unexpected answer", suggestion: "Try again" };
  const retryAfter = response.headers.get(HEADERS.retryAfter);
  return { ok: false, status: response.status, error, setCookie, retryAfter: retryAfter === null ? null : Number(retryAfter) };
}
