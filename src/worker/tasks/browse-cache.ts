/**
 * A one-second cache of browse pages in the isolate. Agents poll the same first pages over and
 * over; serving a repeat from memory spares D1 a query per poll. A change made through this
 * isolate (a task posted, any room command) clears it at once, so a caller always sees its own
 * writes; a change made through another isolate shows within the second. The authoritative
 * answers (GET /tasks/:id, every command) never come from here. See docs/decisions.md.
 */
import type { z } from "@hono/zod-openapi";
import type { Page } from "../http/envelope";
import type { TaskSummarySchema } from "./schema";

export const BROWSE_CACHE_TTL_MS = 1_000;
const MAX_PAGES = 512;

interface Entry<T> {
  at: number;
  page: Promise<Page<T>>;
}

export class BrowseCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /** The cached page for `key`, or `load()`'s, shared by concurrent callers of the same key. */
  get(key: string, now: number, load: () => Promise<Page<T>>): Promise<Page<T>> {
    const hit = this.entries.get(key);
    if (hit && now - hit.at < BROWSE_CACHE_TTL_MS) return hit.page;
    if (this.entries.size >= MAX_PAGES) this.entries.clear();
    const page = load();
    this.entries.set(key, { at: now, page });
    // A failed load must not be served to the next caller.
    page.catch(() => {
      if (this.entries.get(key)?.page === page) this.entries.delete(key);
    });
    return page;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The isolate's browse pages; every task change made through this isolate clears them. */
export const browsePages = new BrowseCache<z.infer<typeof TaskSummarySchema>>();
