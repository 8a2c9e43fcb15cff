/** Keyset pagination for every list: read the caller's cursor, cut the page, mint the next cursor. */
import { type Cursor, type CursorValue, decodeCursor, encodeCursor } from "../../domain/cursor";
import { requestErrors } from "../../domain/error-catalogue";
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
function cutPage<T>(rows: readonly T[], limit: number, sort: string, keyOf: (row: T) => { value: CursorValue; id: number }): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const next = rows.length > limit && last !== undefined ? encodeCursor({ sort, ...keyOf(last) }) : null;
  return { items, next };
}

export interface PageQuery {
  cursor?: string | undefined;
  limit: number;
}

/**
 * One page of a keyset-paginated list, the way every list answers: the caller's cursor read (a
 * 400 when it was not issued for `sort`), up to `limit + 1` rows loaded after it, the page cut,
 * its rows turned into their API view, and the next cursor minted from its last row.
 */
export async function keysetPage<R, V>(
  query: PageQuery,
  sort: string,
  load: (after: Cursor | null, limit: number) => Promise<readonly R[]>,
  keyOf: (row: R) => { value: CursorValue; id: number },
  view: (rows: readonly R[]) => V[] | Promise<V[]>,
): Promise<Page<V>> {
  const after = readCursor(query.cursor, sort);
  const cut = cutPage(await load(after, query.limit), query.limit, sort, keyOf);
  return { items: await view(cut.items), next: cut.next };
}

/** The key of a list ordered by id alone. */
export function byId<R>(idOf: (row: R) => number): (row: R) => { value: number; id: number } {
  return (row) => ({ value: idOf(row), id: idOf(row) });
}
