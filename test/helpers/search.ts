/** Words no other test uses, and the search call, for the full-text search tests. */
import { type Caller, expectStatus, type TaskSummary } from "./api";

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * A made-up word of letters only, so tests sharing a file's database never match each other's
 * tasks (digits would do too, but letters keep the stemmer's view of the word obvious).
 */
export function searchWord(): string {
  let word = "zq";
  for (let i = 0; i < 10; i++) word += LETTERS[Math.floor(Math.random() * LETTERS.length)];
  return word;
}

/** GET /api/v1/tasks/search, requiring 200; `params` adds status, limit or cursor. */
export function search(caller: Caller, q: string, params: Record<string, string> = {}): Promise<TaskSummary[]> {
  return expectStatus<TaskSummary[]>(200, "GET", searchPath(q, params), caller);
}

/** The search URL with `q` and `params` encoded. */
export function searchPath(q: string, params: Record<string, string> = {}): string {
  return `/api/v1/tasks/search?${new URLSearchParams({ q, ...params }).toString()}`;
}
