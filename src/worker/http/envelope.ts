/** The success envelope: `{ ok: true, data, meta }`, with list metadata on pages. */
import type { Context } from "hono";
import type { AppEnv } from "./context";

export function metaOf(c: Context<AppEnv>) {
  return { timestamp: new Date().toISOString(), request_id: c.get("requestId") };
}

export function ok<T, S extends 200 | 201>(c: Context<AppEnv>, data: T, status: S) {
  return c.json({ ok: true as const, data, meta: metaOf(c) }, status);
}

export interface Page<T> {
  items: T[];
  /** Cursor of the next page, or null on the last one. */
  next: string | null;
}

export function page<T>(c: Context<AppEnv>, { items, next }: Page<T>) {
  return c.json(
    { ok: true as const, data: items, meta: { ...metaOf(c), cursor: next, has_more: next !== null, count: items.length } },
    200,
  );
}
