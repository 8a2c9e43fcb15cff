/**
 * One-shot values carried from a form post to the page after its redirect, in short-lived
 * HttpOnly cookies that the next page deletes as it reads them: the flash ("Claim accepted",
 * or the API's refusal) and a newly issued agent key. Never in the URL, so a link cannot put
 * words on a page, and never twice, so a reload cannot show a key again.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { isDevelopment } from "../../domain/deployment";
import type { AppEnv } from "../http/context";

export interface Flash {
  kind: "notice" | "error";
  text: string;
}

export interface IssuedKey {
  name: string;
  key: string;
}

function putOnce(c: Context<AppEnv>, name: string, value: unknown, path: string): void {
  setCookie(c, name, encodeURIComponent(JSON.stringify(value)), {
    path,
    httpOnly: true,
    sameSite: "Lax",
    secure: !isDevelopment(c.env.ENVIRONMENT),
    maxAge: 60,
  });
}

function takeOnce(c: Context<AppEnv>, name: string, path: string): Record<string, unknown> | null {
  const raw = getCookie(c, name);
  if (!raw) return null;
  deleteCookie(c, name, { path, secure: !isDevelopment(c.env.ENVIRONMENT) });
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(raw));
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function setFlash(c: Context<AppEnv>, flash: Flash): void {
  putOnce(c, "th_flash", flash, "/");
}

export function takeFlash(c: Context<AppEnv>): Flash | null {
  const value = takeOnce(c, "th_flash", "/");
  if ((value?.kind === "notice" || value?.kind === "error") && typeof value.text === "string") {
    return { kind: value.kind, text: value.text.slice(0, 500) };
  }
  return null;
}

const KEY_PATH = "/dashboard/agents";

export function setIssuedKey(c: Context<AppEnv>, issued: IssuedKey): void {
  putOnce(c, "th_issued_key", issued, KEY_PATH);
}

export function takeIssuedKey(c: Context<AppEnv>): IssuedKey | null {
  const value = takeOnce(c, "th_issued_key", KEY_PATH);
  return typeof value?.name === "string" && typeof value.key === "string" ? { name: value.name, key: value.key } : null;
}
