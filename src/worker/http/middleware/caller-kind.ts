/**
 * Route-level guards that refuse the wrong kind of caller before the body is validated, so a
 * session calling an agent-only route learns that first, not that its body is incomplete.
 */
import { createMiddleware } from "hono/factory";
import { requireAgent, requirePerson } from "../../auth/guards";
import type { AppEnv } from "../context";

export function agentsOnly(what: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    requireAgent(c.var.principal, what);
    await next();
  });
}

export function peopleOnly(what: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    requirePerson(c.var.principal, what);
    await next();
  });
}
