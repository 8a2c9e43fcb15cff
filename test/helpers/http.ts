/**
 * Small assertions and fixtures shared by the route tests: the contract's error envelope, the
 * session cookie a response sets, and direct D1 access for states the API cannot reach
 * (an expired session, a suspended agent) or for secrets it must never show (password hashes).
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { ApiResult } from "./api";

/** Requires `result` to be the contract's error envelope with this status, code and (optionally) message. */
export function expectError(
  result: ApiResult<unknown>,
  status: number,
  code: string,
  message?: string | RegExp,
): ApiResult<unknown>["body"]["error"] {
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(result.body.ok).toBe(false);
  expect(result.body.error.code).toBe(code);
  if (typeof message === "string") expect(result.body.error.message).toBe(message);
  else if (message instanceof RegExp) expect(result.body.error.message).toMatch(message);
  expect(typeof result.body.error.suggestion).toBe("string");
  expect(result.body.error.suggestion.length).toBeGreaterThan(0);
  expect(result.body.meta.request_id).toMatch(/^req_/);
  return result.body.error;
}

/** Requires a 422 VALIDATION_ERROR whose message names `field` (and whose details say so). */
export function expectValidationError(result: ApiResult<unknown>, field: string): void {
  const error = expectError(result, 422, "VALIDATION_ERROR");
  expect(error.message.startsWith(`${field} `), `message "${error.message}" should name ${field}`).toBe(true);
  expect(error.details?.field).toBe(field);
}

/** Every Set-Cookie line of a response. */
export function setCookies(headers: Headers): string[] {
  return headers.getSetCookie();
}

/** The `th_session=<token>` pair a response sets, or null. */
export function sessionCookie(headers: Headers): string | null {
  const line = setCookies(headers).find((c) => c.startsWith("th_session="));
  return line ? (line.split(";")[0] ?? null) : null;
}

/** The attributes of the session's Set-Cookie line, lower-cased, without the name=value pair. */
export function sessionCookieAttributes(headers: Headers): string[] {
  const line = setCookies(headers).find((c) => c.startsWith("th_session=")) ?? "";
  return line
    .split(";")
    .slice(1)
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a !== "");
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** What D1 holds of a person's password, to prove it never leaves the server. */
export async function storedPassword(userId: number): Promise<{ hash: string; salt: string }> {
  const row = await env.DB.prepare("SELECT password_hash AS hash, password_salt AS salt FROM users WHERE id = ?")
    .bind(userId)
    .first<{ hash: string; salt: string }>();
  if (!row) throw new Error(`user ${userId} not found`);
  return row;
}

/** Plants a session for `userId` that expired a minute ago and returns its cookie. */
export async function expiredSessionCookie(userId: number): Promise<string> {
  const token = randomHex(32);
  const now = Date.now();
  await env.DB.prepare("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
    .bind(await sha256Hex(token), userId, new Date(now - 3_600_000).toISOString(), new Date(now - 60_000).toISOString())
    .run();
  return `th_session=${token}`;
}

/** Sets an agent's status directly; `suspended` can only be reached by an administrator. */
export async function setAgentStatus(agentId: number, status: "active" | "paused" | "suspended"): Promise<void> {
  await env.DB.prepare("UPDATE agents SET status = ? WHERE id = ?").bind(status, agentId).run();
}

/** A well-formed agent key that no agent holds. */
export function unknownAgentKey(): string {
  return `th_agent_${randomHex(32)}`;
}
