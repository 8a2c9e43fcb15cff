/**
 * Opaque pagination cursors: base64url of the last item's sort value and id, tagged with the
 * sort they belong to and a checksum so an edited or foreign cursor is refused rather than
 * silently paging from the wrong place. Not a security boundary: a forged cursor can only
 * move a reader within results it may already read.
 */

export type CursorValue = string | number;

export interface Cursor {
  /** The ordering the cursor was issued for, e.g. "newest" or "budget_high". */
  sort: string;
  /** The sort key of the last item on the page. */
  value: CursorValue;
  /** The id of the last item on the page, the tie-breaker. */
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  const payload = [cursor.sort, cursor.value, cursor.id] as const;
  const text = JSON.stringify([...payload, checksum(JSON.stringify(payload))]);
  return toBase64Url(text);
}

/** The cursor, or null when it is malformed, tampered with, or issued for another sort. */
export function decodeCursor(raw: string, sort: string): Cursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(raw));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [s, value, id, sum] = parsed as unknown[];
  if (s !== sort || typeof sum !== "number") return null;
  if (typeof value !== "string" && !(typeof value === "number" && Number.isFinite(value))) return null;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) return null;
  if (checksum(JSON.stringify([s, value, id])) !== sum) return null;
  const cursor = { sort, value, id };
  // Only the canonical spelling is accepted, so no edit of a cursor's text passes unnoticed.
  return encodeCursor(cursor) === raw ? cursor : null;
}

/** FNV-1a, 32 bits: cheap, synchronous, and enough to notice an edit. */
export function checksum(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(raw: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw new Error("not base64url");
  const binary = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
}
