/**
 * Admits a caller to an /api/v1 route: reads its credential (a Bearer key, checked for shape
 * before any lookup, a realtime ticket on the stream endpoints, or a session cookie), then asks
 * the principal's Caller object in one call whether the credential is still valid, whether the
 * request fits the rate limit, and what its Idempotency-Key means. A stream is one request, so
 * it counts once however long it stays open. A busy caller's requests without an
 * Idempotency-Key are mostly admitted from this isolate's lease on its window (auth/leases.ts).
 * Rate-limit headers go on every response to an authenticated request; a request that fails
 * authentication gets none.
 */
import type { Context, MiddlewareHandler } from "hono";
import { callerOf } from "../../../contracts/addresses";
import { AppError } from "../../../domain/errors";
import { grantedRate, type LeasedRate } from "../../../domain/rate-lease";
import type { Admission } from "../../../objects/caller";
import { credentialOf, principalOfCredential } from "../../auth/credentials";
import { admitLeased, dropLease, keepLease, renewed, renewLease } from "../../auth/leases";
import { pageViewOf } from "../../auth/page-view";
import { isStreamPath } from "../../live/stream-paths";
import type { AppEnv } from "../context";
import { HEADERS } from "../headers";
import { idempotencyOf, replayResponse, storedResponseOf } from "../idempotency";
import { assertSameOrigin, assertSameOriginStream } from "./same-origin";

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const stream = isStreamPath(c.req.path);
    const { credential, via } = await credentialOf(c, stream);
    const ref = await principalOfCredential(c.var.db, credential);
    if (via === "cookie") {
      if (stream) assertSameOriginStream(c);
      else assertSameOrigin(c);
    }
    const idempotency = await idempotencyOf(c);
    const caller = callerOf(c.env, ref);
    const credentialKey = `${credential.kind}:${credential.hash}`;
    // The reads of one dashboard page view are admitted, and counted, once (auth/page-view.ts).
    const view = c.req.method === "GET" ? pageViewOf(c.env) : undefined;
    const leasing = !idempotency && !view;
    const now = Date.now();
    const leased = leasing ? admitLeased(credentialKey, now) : null;
    if (leased) {
      setRateHeaders(c, leased.rate);
      c.set("principal", leased.principal);
      c.set("credential", credential);
      return next();
    }
    const lease = leasing ? renewLease(credentialKey, now) : undefined;
    const admit = () => caller.admit({ credential, idempotency, lease });
    let admission: Admission;
    try {
      admission = await (view ? view.admit(credentialKey, admit) : admit());
    } finally {
      if (lease && lease.ahead > 0) renewed(credentialKey);
    }
    if (admission.rate) setRateHeaders(c, leasing ? grantedRate(admission.rate) : admission.rate);
    if (!admission.ok) {
      if (leasing) dropLease(credentialKey);
      if (admission.error.code === "RATE_LIMITED" && admission.rate) c.header(HEADERS.retryAfter, String(admission.rate.retryAfter));
      throw AppError.from(admission.error);
    }
    if (leasing && admission.rate) keepLease(credentialKey, admission.principal, admission.rate, now);
    if (admission.idempotency?.kind === "replay") {
      return replayResponse(admission.idempotency.response, new Headers(c.res.headers));
    }
    c.set("principal", admission.principal);
    c.set("credential", credential);
    await next();
    if (idempotency) await caller.finish(idempotency.key, await storedResponseOf(c.res));
  };
}

function setRateHeaders(c: Context<AppEnv>, rate: LeasedRate): void {
  const secondsLeft = Math.max(0, Math.ceil(rate.resetAt - Date.now() / 1000));
  c.header(HEADERS.rateLimitLimit, String(rate.limit));
  c.header(HEADERS.rateLimitRemaining, String(rate.remaining));
  c.header(HEADERS.rateLimitReset, String(rate.resetAt));
  c.header(HEADERS.rateLimitPolicy, `"default";q=${rate.limit};w=60`);
  c.header(HEADERS.rateLimit, `"default";r=${rate.remaining};t=${secondsLeft}`);
}
