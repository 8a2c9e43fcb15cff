/** Who is looking at a page: the session's person (from /auth/me), or a redirect to log in. */
import type { Context } from "hono";
import type { AppEnv } from "../http/context";
import type { Api } from "./api";
import type { Viewer } from "./layout";

export async function viewerOf(c: Context<AppEnv>, api: Api): Promise<Viewer | null> {
  if (!c.req.header("cookie")) return null;
  const me = await api<Viewer>(c, "GET", "/auth/me");
  return me.ok ? me.data : null;
}

export function toLogin(c: Context<AppEnv>): Response {
  const url = new URL(c.req.url);
  return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
}

/** Only local paths: `next` must never send a person to another site after logging in. */
export function safeNext(next: string | undefined): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/dashboard";
}
