/** Keyset pagination for every list: read the caller's cursor, cut the page, mint the next cursor. */
import { type Cursor, type CursorValue, decodeCursor, encodeCursor } from "../domain/cursor";
import { requestErrors } from "../domain/error-catalogue";
import type { Page } from "./envelope";

/** The decoded cursor, or null to start; a malformed or foreign cursor is a 400. */
export function readCursor(raw: string | undefined, sort: string): Cursor | null {
  if (raw === undefined || raw === "") return null;
  const cursor = decodeCursor(raw, sort);
  if (!cursor) throw requestErrors.invalidCursor();
  return cursor;
}

/**
 * `rows` holds up to `limit + 1` rows in order; the extra row only says another page exists.
 * `keyOf` gives the sort value and id of a row, which the next cursor records.
 */
export function cutPage<T>(
  rows: readonly T[],
  limit: number,
  sort: string,
  keyOf: (row: T) => { value: CursorValue; id: number },
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const next = rows.length > limit && last !== undefined ? encodeCursor({ sort, ...keyOf(last) }) : null;
  return { items, next };
}
