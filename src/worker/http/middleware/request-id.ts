/**
 * Every response carries `X-Request-Id` and `meta.request_id`, always minted here (`req_` +
 * 16 hex) rather than echoed from the client, so ids in logs are ours and unique.
 */
import { createMiddleware } from "hono/factory";
import { randomHex } from "../../auth/tokens";
import type { AppEnv } from "../context";
import { HEADERS } from "../headers";

export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = `req_${randomHex(8)}`;
  c.set("requestId", id);
  c.header(HEADERS.requestId, id);
  await next();
});
