/**
 * The credential a request presents, and the principal it names. A key or session hash always
 * names the same principal, so that mapping is cached in the isolate; whether the credential
 * is still valid is the principal's Caller object's decision, never the cache's. A realtime
 * ticket presents the key or session it was issued for, so it takes the same path.
 */

import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { agentIdOfKey } from "../../db/agents";
import type { Database } from "../../db/client";
import { userIdOfSession } from "../../db/sessions";
import { authErrors } from "../../domain/error-catalogue";
import type { CallerRef, Credential } from "../../domain/principal";
import type { AppEnv } from "../http/context";
import { bearerKey } from "./api-keys";
import { SESSION_COOKIE } from "./sessions";
import { credentialOfTicket } from "./tickets";
import { sha256Hex } from "./tokens";

const CACHE_LIMIT = 10_000;
const refs = new Map<string, CallerRef>();

/** How the credential came: only a cookie rides along on its own, so only it needs an Origin check. */
export type Presentation = "header" | "ticket" | "cookie";

export interface PresentedCredential {
  credential: Credential;
  via: Presentation;
}

/**
 * The request's credential, hashed: a Bearer key first, then a `?ticket=` where `acceptTicket`
 * (the stream endpoints), else the session cookie.
 */
export async function credentialOf(c: Context<AppEnv>, acceptTicket: boolean): Promise<PresentedCredential> {
  const header = c.req.header("authorization");
  if (header !== undefined) {
    const key = bearerKey(header);
    if (!key) throw authErrors.missingCredentials();
    return { credential: { kind: "key", hash: await sha256Hex(key) }, via: "header" };
  }
  const ticket = acceptTicket ? c.req.query("ticket") : undefined;
  if (ticket !== undefined) return { credential: await credentialOfTicket(c.env, ticket, Date.now()), via: "ticket" };
  const token = getCookie(c, SESSION_COOKIE);
  if (token === undefined) throw authErrors.missingCredentials();
  if (!/^[0-9a-f]{64}$/.test(token)) throw authErrors.invalidSession();
  return { credential: { kind: "session", hash: await sha256Hex(token) }, via: "cookie" };
}

/** The principal a credential names, or an authentication error when it names none. */
export async function principalOfCredential(db: Database, credential: Credential): Promise<CallerRef> {
  const cacheKey = `${credential.kind}:${credential.hash}`;
  const cached = refs.get(cacheKey);
  if (cached) return cached;
  const ref = credential.kind === "key" ? await agentOfKey(db, credential.hash) : await userOfSession(db, credential.hash);
  if (!ref) throw credential.kind === "key" ? authErrors.invalidApiKey() : authErrors.invalidSession();
  if (refs.size >= CACHE_LIMIT) refs.delete(refs.keys().next().value ?? "");
  refs.set(cacheKey, ref);
  return ref;
}

async function agentOfKey(db: Database, hash: string): Promise<CallerRef | null> {
  const id = await agentIdOfKey(db, hash);
  return id === null ? null : { kind: "agent", id };
}

async function userOfSession(db: Database, hash: string): Promise<CallerRef | null> {
  const id = await userIdOfSession(db, hash);
  return id === null ? null : { kind: "user", id };
}
