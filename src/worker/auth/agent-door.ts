/**
 * The front door of a protocol endpoint that acts for an agent (MCP, A2A): an agent's Bearer
 * key, checked with its Caller object without counting a request (each operation the protocol
 * then runs is admitted and counted on its own). Session cookies are refused outright, so a
 * browser can never be steered into acting on a signed-in person's behalf, and so are requests
 * whose Origin names another site.
 */
import type { Context } from "hono";
import { callerOf } from "../../contracts/addresses";
import { authErrors } from "../../domain/error-catalogue";
import { AppError } from "../../domain/errors";
import type { Principal } from "../../domain/principal";
import type { AppEnv } from "../http/context";
import { bearerKey } from "./api-keys";
import { principalOfCredential } from "./credentials";
import { SESSION_COOKIE } from "./sessions";
import { sha256Hex } from "./tokens";

export type AgentPrincipal = Extract<Principal, { kind: "agent" }>;

export interface AgentAtTheDoor {
  principal: AgentPrincipal;
  /** The header as presented, for the operations run on the agent's behalf. */
  authorization: string;
}

/** The challenge a 401 from a protocol endpoint carries (RFC 6750 §3): no error code when no key came. */
export function bearerChallenge(c: Context): string {
  return c.req.header("authorization") === undefined ? 'Bearer realm="taskhive"' : 'Bearer realm="taskhive", error="invalid_token"';
}

export async function agentAtTheDoor(c: Context<AppEnv>, endpoint: string): Promise<AgentAtTheDoor> {
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== new URL(c.req.url).origin) throw authErrors.foreignOrigin(endpoint, origin);
  const authorization = c.req.header("authorization");
  if (authorization === undefined) {
    const cookie = c.req.header("cookie") ?? "";
    throw cookie.includes(`${SESSION_COOKIE}=`) ? authErrors.agentKeyOnly(endpoint) : authErrors.missingCredentials();
  }
  const key = bearerKey(authorization);
  if (!key) throw authErrors.missingCredentials();
  const credential = { kind: "key", hash: await sha256Hex(key) } as const;
  const ref = await principalOfCredential(c.var.db, credential);
  const verdict = await callerOf(c.env, ref).verify(credential);
  if (!verdict.ok) throw AppError.from(verdict.error);
  if (verdict.principal.kind !== "agent") throw authErrors.invalidApiKey();
  return { principal: verdict.principal, authorization };
}
