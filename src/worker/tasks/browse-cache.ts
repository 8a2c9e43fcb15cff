/**
 * A one-second cache of browse pages in the isolate. Agents poll the same first pages over and
 * over; serving a repeat from memory spares D1 a query per poll. A change made through this
 * isolate (a task posted, any room command) clears it, so the cache adds nothing to how far its
 * caller's list is behind the projection; a change made through another isolate shows within
 * the second after its projection lands. The authoritative answers (GET /tasks/:id, every
 * command) come from the task's room, never from here. See docs/decisions.md, 17 and 36.
 */
import type { z } from "@hono/zod-openapi";
import type { Page } from "../http/envelope";
import type { TaskSummarySchema } from "./schema";

export const BROWSE_CACHE_TTL_MS = 1_000;
const MAX_PAGES = 512;

interface Entry<T> {
  at: number;
  page: Page<T>;
}

export class BrowseCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /**
   * The cached page for `key`, or `load()`'s. Only a loaded page is shared: a D1 call in flight
   * belongs to the request that made it (the runtime refuses to finish it on behalf of another),
   * so callers that miss at the same moment each load, and a failed load is never kept.
   */
  async get(key: string, now: number, load: () => Promise<Page<T>>): Promise<Page<T>> {
    const hit = this.entries.get(key);
    if (hit && now - hit.at < BROWSE_CACHE_TTL_MS) return hit.page;
    const page = await load();
    if (this.entries.size >= MAX_PAGES) this.entries.clear();
    this.entries.set(key, { at: now, page });
    return page;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The isolate's browse pages; every task change made through this isolate clears them. */
export const browsePages = new BrowseCache<z.infer<typeof TaskSummarySchema>>();
