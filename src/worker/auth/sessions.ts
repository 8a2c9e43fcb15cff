/**
 * Sessions for people: a random token in an HttpOnly, SameSite=Lax cookie (Secure outside
 * development); D1 keeps only its SHA-256, so a database leak does not leak sessions.
 */
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { Database } from "../../db/client";
import { createSession, deleteSession, liveSessionOwner } from "../../db/sessions";
import { SESSION_TTL_SECONDS } from "../../domain/constants";
import { isDevelopment } from "../../domain/deployment";
import type { AppEnv } from "../http/context";
import { randomHex, sha256Hex } from "./tokens";

export const SESSION_COOKIE = "th_session";

export async function startSession(c: Context<AppEnv>, userId: number): Promise<void> {
  const token = randomHex(32);
  const now = Date.now();
  await createSession(c.var.db, {
    id: await sha256Hex(token),
    userId,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + SESSION_TTL_SECONDS * 1000).toISOString(),
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: !isDevelopment(c.env.ENVIRONMENT),
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
}

export async function endSession(c: Context<AppEnv>, sessionId: string): Promise<void> {
  await deleteSession(c.var.db, sessionId);
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: !isDevelopment(c.env.ENVIRONMENT) });
}

/** The signed-in person for a cookie token, or null when it is unknown or expired. */
export async function resolveSession(db: Database, token: string): Promise<{ sessionId: string; userId: number } | null> {
  if (!/^[0-9a-f]{64}$/.test(token)) return null;
  const sessionId = await sha256Hex(token);
  const userId = await liveSessionOwner(db, sessionId, new Date().toISOString());
  return userId === null ? null : { sessionId, userId };
}
