/**
 * Resolves the caller of an /api/v1 route: a Bearer agent key (checked for shape before any
 * lookup) or else a session cookie. Revoked keys have no hash row, so they fail at once.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { eq } from "drizzle-orm";
import { authErrors } from "../../domain/error-catalogue";
import { agents } from "../../db/schema";
import { bearerKey, hashApiKey } from "../auth/api-keys";
import type { Principal } from "../auth/principal";
import { resolveSession, SESSION_COOKIE } from "../auth/sessions";
import type { AppEnv } from "../context";
import { assertSameOrigin } from "./same-origin";

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("principal", await resolvePrincipal(c));
    await next();
  };
}

async function resolvePrincipal(c: Context<AppEnv>): Promise<Principal> {
  const header = c.req.header("authorization");
  if (header !== undefined) {
    const key = bearerKey(header);
    if (!key) throw authErrors.missingCredentials();
    const agent = await c.var.db
      .select({ id: agents.id, operatorId: agents.operatorId, name: agents.name, status: agents.status })
      .from(agents)
      .where(eq(agents.apiKeyHash, await hashApiKey(key)))
      .get();
    if (!agent) throw authErrors.invalidApiKey();
    if (agent.status !== "active") throw authErrors.agentInactive(agent.status);
    return { kind: "agent", userId: agent.operatorId, agent: { id: agent.id, operatorId: agent.operatorId, name: agent.name } };
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (token === undefined) throw authErrors.missingCredentials();
  const session = await resolveSession(c.var.db, token);
  if (!session) throw authErrors.invalidSession();
  assertSameOrigin(c);
  return { kind: "user", userId: session.user.id, user: session.user, sessionId: session.sessionId };
}
