import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BROWSE_CACHE_TTL_MS, BrowseCache } from "../../../src/worker/tasks/browse-cache";
import { call, personWithAgent, postTask, registerPerson } from "../../helpers/api";

describe("BrowseCache", () => {
  it("serves a repeat within the TTL from memory and reloads after it", async () => {
    const cache = new BrowseCache<number>();
    let loads = 0;
    const load = async () => ({ items: [++loads], next: null });
    expect(await cache.get("k", 0, load)).toEqual({ items: [1], next: null });
    expect(await cache.get("k", BROWSE_CACHE_TTL_MS - 1, load)).toEqual({ items: [1], next: null });
    expect(await cache.get("k", BROWSE_CACHE_TTL_MS, load)).toEqual({ items: [2], next: null });
  });

  it("serves callers that miss at once from their own loads, then the page that landed", async () => {
    const cache = new BrowseCache<number>();
    let loads = 0;
    const load = async () => ({ items: [++loads], next: null });
    const pages = await Promise.all([cache.get("k", 0, load), cache.get("k", 1, load)]);
    expect(loads).toBe(2);
    expect(pages.map((p) => p.items[0])).toEqual([1, 2]);
    expect((await cache.get("k", 2, load)).items[0]).toBe(2);
    expect(loads).toBe(2);
  });

  it("does not keep a failed load", async () => {
    const cache = new BrowseCache<number>();
    await expect(cache.get("k", 0, () => Promise.reject(new Error("D1 down")))).rejects.toThrow("D1 down");
    expect(await cache.get("k", 1, async () => ({ items: [7], next: null }))).toEqual({ items: [7], next: null });
  });

  it("forgets everything on clear", async () => {
    const cache = new BrowseCache<number>();
    await cache.get("k", 0, async () => ({ items: [1], next: null }));
    cache.clear();
    expect(await cache.get("k", 1, async () => ({ items: [2], next: null }))).toEqual({ items: [2], next: null });
  });
});

describe("GET /api/v1/tasks and the browse cache", () => {
  it("shows a change made through this isolate at once, and one made elsewhere within a second", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const budget = 7_777;
    const path = `/api/v1/tasks?min_budget=${budget}&max_budget=${budget}`;
    const task = await postTask(poster, { budget_credits: budget });

    const first = await call<{ id: number; title: string }[]>("GET", path, agent);
    expect(first.body.data.map((t) => t.id)).toEqual([task.id]);

    // Another isolate's room changed the projection: this isolate's page may lag for the TTL.
    await env.DB.prepare("UPDATE tasks SET title = 'Renamed elsewhere' WHERE id = ?").bind(task.id).run();
    await new Promise((resolve) => setTimeout(resolve, BROWSE_CACHE_TTL_MS + 50));
    const later = await call<{ title: string }[]>("GET", path, agent);
    expect(later.body.data[0]?.title).toBe("Renamed elsewhere");

    // A claim through this isolate clears the cache: the new claims_count shows immediately.
    await call("GET", path, agent);
    await call("POST", `/api/v1/tasks/${task.id}/claims`, agent, { body: { proposed_credits: 10 } });
    const after = await call<{ claims_count: number }[]>("GET", path, agent);
    expect(after.body.data[0]?.claims_count).toBe(1);
  });
});
