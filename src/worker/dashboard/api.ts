/**
 * The dashboard's only way to read or change anything: the same /api/v1 and /auth routes an
 * agent calls, run in-process with the browser's own session cookie, so every rule (auth,
 * visibility, validation, rate limits, idempotency) applies to people exactly as to agents.
 * The reads that render one page are one page view: one unit of the person's rate limit.
 */
import type { Context, Hono } from "hono";
import type { ErrorBody } from "../../domain/errors";
import type { AppBindings } from "../../env";
import { PageView, withPageView } from "../auth/page-view";
import type { AppEnv } from "../http/context";

export type ApiFailure = { ok: false; status: number; error: ErrorBody; setCookie: string[] };
export type ApiResult<T> = { ok: true; status: number; data: T; cursor: string | null; setCookie: string[] } | ApiFailure;

export interface CallOptions {
  body?: unknown;
  /** Forwarded so a resubmitted form replays instead of acting twice. */
  idempotencyKey?: string | undefined;
}

type Fetcher = Pick<Hono<AppEnv>, "fetch">;

/** Each page request's bindings for its in-process calls, carrying its page view. */
const pageViews = new WeakMap<Context<AppEnv>, AppBindings>();

function bindingsOf(c: Context<AppEnv>): AppBindings {
  let bindings = pageViews.get(c);
  if (!bindings) {
    bindings = withPageView(c.env, new PageView());
    pageViews.set(c, bindings);
  }
  return bindings;
}

export function apiClient(app: Fetcher) {
  return async function api<T>(c: Context<AppEnv>, method: string, path: string, options: CallOptions = {}): Promise<ApiResult<T>> {
    const origin = new URL(c.req.url).origin;
    const headers = new Headers({ origin, accept: "application/json" });
    const cookie = c.req.header("cookie");
    if (cookie) headers.set("cookie", cookie);
    if (options.body !== undefined) headers.set("content-type", "application/json");
    if (options.idempotencyKey) headers.set("idempotency-key", options.idempotencyKey);
    const request = new Request(new URL(path, origin), {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
    const response = await app.fetch(request, bindingsOf(c), c.executionCtx);
    const setCookie = response.headers.getSetCookie();
    const json = (await response.json()) as { ok: boolean; data?: T; meta?: { cursor?: string | null }; error?: ErrorBody };
    if (json.ok && json.data !== undefined) {
      return { ok: true, status: response.status, data: json.data, cursor: json.meta?.cursor ?? null, setCookie };
    }
    const error = json.error ?? { code: "INTERNAL_ERROR", message: "Unexpected answer", suggestion: "Try again" };
    return { ok: false, status: response.status, error, setCookie };
  };
}

export type Api = ReturnType<typeof apiClient>;

/** A refusal as one line for a person: what went wrong, then what to do. */
export function explain(error: ErrorBody): string {
  return `${error.message}. ${error.suggestion}`;
}
