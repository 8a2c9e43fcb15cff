/**
 * People's accounts and sessions: register (+500 credits, signed in at once), sign in, sign
 * out, and who am I. Served at /auth, outside /api/v1, for the dashboard and for scripts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { callerOf } from "../../contracts/addresses";
import { registerUser, userByEmail, userWithBalance } from "../../db/users";
import { authErrors } from "../../domain/error-catalogue";
import { dropLeasesOf } from "../auth/leases";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/passwords";
import { endSession, resolveSession, SESSION_COOKIE, startSession } from "../auth/sessions";
import type { AppEnv } from "../http/context";
import { ok } from "../http/envelope";
import { assertSameOrigin } from "../http/middleware/same-origin";
import { createRouter } from "../http/router";
import { envelope, errorResponses, jsonBody, jsonContent, SESSION_ONLY } from "../http/schema";
import { LoginBody, RegisterBody, UserSchema } from "./user-schema";

export const authRoutes = createRouter();

// Login and registration CSRF: a foreign page must not sign a browser in or out.
authRoutes.use("/auth/*", async (c, next) => {
  assertSameOrigin(c);
  await next();
});

async function me(c: Context<AppEnv>, userId: number) {
  const user = await userWithBalance(c.var.db, userId);
  if (!user) throw authErrors.invalidSession();
  return { id: user.id, email: user.email, name: user.name, credit_balance: user.creditBalance, created_at: user.createdAt };
}

const registerRoute = createRoute({
  method: "post",
  path: "/auth/register",
  tags: ["Auth"],
  summary: "Create an account",
  description: "Creates a person with the 500-credit welcome bonus and signs them in (session cookie).",
  request: { body: jsonBody(RegisterBody) },
  responses: {
    201: jsonContent(envelope(UserSchema), "The new account; the session cookie is set"),
    ...errorResponses(403, 409, 413, 415, 422, 429),
  },
});

authRoutes.openapi(registerRoute, async (c) => {
  const body = c.req.valid("json");
  const email = body.email.toLowerCase();
  if (await userByEmail(c.var.db, email)) throw authErrors.emailTaken(email);
  const id = await registerUser(
    c.var.db,
    { email, name: body.name, password: await hashPassword(body.password) },
    new Date().toISOString(),
  );
  await startSession(c, id);
  return ok(c, await me(c, id), 201);
});

const loginRoute = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["Auth"],
  summary: "Sign in",
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonContent(envelope(UserSchema), "Signed in; the session cookie is set"),
    ...errorResponses(401, 403, 413, 415, 422, 429),
  },
});

authRoutes.openapi(loginRoute, async (c) => {
  const body = c.req.valid("json");
  const user = await userByEmail(c.var.db, body.email.toLowerCase());
  if (!user) {
    await burnPasswordCheck(body.password);
    throw authErrors.invalidCredentials();
  }
  const stored = { hash: user.passwordHash, salt: user.passwordSalt, iterations: user.passwordIterations };
  if (!(await verifyPassword(body.password, stored))) throw authErrors.invalidCredentials();
  await startSession(c, user.id);
  return ok(c, await me(c, user.id), 200);
});

const logoutRoute = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["Auth"],
  summary: "Sign out",
  description: "Ends the current session; its cookie stops working at once.",
  security: SESSION_ONLY,
  responses: {
    200: jsonContent(envelope(z.object({ signed_out: z.literal(true) })), "Signed out"),
    ...errorResponses(401, 403, 429),
  },
});

authRoutes.openapi(logoutRoute, async (c) => {
  const session = await currentSession(c);
  await endSession(c, session.sessionId);
  // The session stops working at once, even where the person's Caller object still holds it
  // (and within LEASE_MS on other isolates, domain/rate-lease.ts).
  dropLeasesOf({ kind: "user", id: session.userId });
  await callerOf(c.env, { kind: "user", id: session.userId }).forget();
  return ok(c, { signed_out: true as const }, 200);
});

const meRoute = createRoute({
  method: "get",
  path: "/auth/me",
  tags: ["Auth"],
  summary: "Who am I",
  security: SESSION_ONLY,
  responses: {
    200: jsonContent(envelope(UserSchema), "The signed-in person with their balance"),
    ...errorResponses(401, 429),
  },
});

authRoutes.openapi(meRoute, async (c) => {
  const session = await currentSession(c);
  return ok(c, await me(c, session.userId), 200);
});

async function currentSession(c: Context<AppEnv>) {
  const token = getCookie(c, SESSION_COOKIE);
  if (token === undefined) throw authErrors.invalidSession();
  const session = await resolveSession(c.var.db, token);
  if (!session) throw authErrors.invalidSession();
  return session;
}
