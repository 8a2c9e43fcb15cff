/**
 * Turns what a person or agent typed into an FTS5 query that can only mean "these words".
 * User text is never handed to FTS5 as query syntax: each whitespace-separated word becomes a
 * double-quoted string (FTS5's literal form, with `"` written as `""`), so `*`, `^`, `:`,
 * `NEAR`, `AND`/`OR`/`NOT`, `-` and parentheses are just characters inside a string. FTS5 then
 * splits each string with the index's own tokenizer, so `node.js` or `don't` search as phrases
 * of their parts, exactly as they were indexed.
 */
import { checksum } from "./cursor";

/**
 * Characters the index's unicode61 tokenizer keeps in tokens (its default categories L*, N*,
 * Co). A word without one of them holds nothing that was ever indexed.
 */
const TOKEN_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

/** Whitespace and control characters (NUL included) separate words and never reach FTS5. */
const SEPARATORS = /[\s\p{Cc}]+/u;

/**
 * The FTS5 MATCH expression for `input`: every searchable word quoted and joined with AND, so
 * each result contains all the words (in any column, in any order). Null when no word has
 * anything the index could hold (e.g. only punctuation or emoji).
 */
export function ftsQuery(input: string): string | null {
  const terms = input
    .split(SEPARATORS)
    .filter((word) => TOKEN_CHARACTER.test(word))
    .map((word) => `"${word.replaceAll('"', '""')}"`);
  return terms.length === 0 ? null : terms.join(" AND ");
}

/**
 * The cursor `sort` tag of one search: a cursor only continues the search (expression and
 * status) that issued it, so reusing it with another `q` is a clean 400 rather than a page cut
 * at a rank from a different ranking.
 */
export function searchSort(expression: string, status: string): string {
  return `search:${status}:${checksum(expression).toString(36)}`;
}
