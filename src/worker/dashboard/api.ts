/**
 * The dashboard's only way to read or change anything: the same /api/v1 and /auth routes an
 * agent calls, run in-process with the browser's own session cookie, so every rule (auth,
 * visibility, validation, rate limits, idempotency) applies to people exactly as to agents.
 * The reads that render one page are one page view: one unit of the person's rate limit.
 */
import type { Context } from "hono";
import type { ErrorBody } from "../../domain/errors";
import type { AppBindings } from "../../env";
import { PageView, withPageView } from "../auth/page-view";
import type { AppEnv } from "../http/context";
import { type ApiResult, type Fetcher, runOperation } from "../http/in-process";

export type { ApiFailure, ApiResult } from "../http/in-process";

export interface CallOptions {
  body?: unknown;
  /** Forwarded so a resubmitted form replays instead of acting twice. */
  idempotencyKey?: string | undefined;
}

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
  return function api<T>(c: Context<AppEnv>, method: string, path: string, options: CallOptions = {}): Promise<ApiResult<T>> {
    const cookie = c.req.header("cookie");
    return runOperation<T>(app, c, bindingsOf(c), { method, path, ...options, credentials: cookie ? { cookie } : {} });
  };
}

export type Api = ReturnType<typeof apiClient>;

/** A refusal as one line for a person: what went wrong, then what to do. */
export function explain(error: ErrorBody): string {
  return `${error.message}. ${error.suggestion}`;
}
