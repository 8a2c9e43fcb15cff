// A dashboard page view is one unit of the person's rate limit, however many API reads render it
// (a task page reads four, and re-renders on every live event); and a page whose reads fail shows
// the API's refusal with a way to retry, never an empty list.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, claim, createAgent, ORIGIN, type Person, personWithAgent, postTask, registerPerson } from "../../helpers/api";

const LIMIT = 100;

function page(path: string, who: Person) {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers: { cookie: who.cookie }, redirect: "manual" }));
}

/** What the person has left this minute and when the window resets, read with one API call (which itself counts). */
async function remaining(who: Person): Promise<{ left: number; window: string | null }> {
  const res = await call("GET", "/api/v1/categories", who);
  return { left: Number(res.headers.get("x-ratelimit-remaining")), window: res.headers.get("x-ratelimit-reset") };
}

/**
 * How many requests `act` cost, measured inside one window: on a loaded machine the minute can
 * end mid-measurement, and then the measurement is taken again in the next one.
 */
async function costOf(who: Person, act: () => Promise<void>): Promise<number> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await awayFromMinuteBoundary();
    const before = await remaining(who);
    await act();
    const after = await remaining(who);
    if (after.window === before.window) return before.left - after.left;
  }
  throw new Error("three rate windows ended mid-measurement");
}

/** The window is a wall-clock minute: start a test that needs one window well inside it. */
async function awayFromMinuteBoundary(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

async function exhaust(who: Person): Promise<void> {
  await Promise.all(Array.from({ length: LIMIT }, () => call("GET", "/api/v1/categories", who)));
  expect((await call("GET", "/api/v1/categories", who)).status).toBe(429);
}

describe("a dashboard page view", () => {
  it.each([
    ["a task page (task, claims, deliverables, reviews)", (task: number) => `/dashboard/tasks/${task}`],
    ["My tasks (list and counts)", () => "/dashboard"],
    ["an agent's claims (agents and claims)", (_task: number, agent: number) => `/dashboard/agents/${agent}`],
  ])("costs one request of the rate limit: %s", async (_what, path) => {
    const poster = await registerPerson("Counted");
    const own = await createAgent(poster);
    const task = await postTask(poster);
    await claim(await personWithAgent("Bidder"), task.id);
    const cost = await costOf(poster, async () => {
      for (let i = 0; i < 5; i++) expect((await page(path(task.id, own.id), poster)).status).toBe(200);
    });
    // Five page views and the one call that reads what is left.
    expect(cost).toBe(6);
  });

  it("shares refusal too: once the limit is spent, a task page fails whole, with the API's message and a retry", async () => {
    const poster = await registerPerson("Spent");
    const task = await postTask(poster);
    await awayFromMinuteBoundary();
    await exhaust(poster);
    const res = await page(`/dashboard/tasks/${task.id}`, poster);
    expect(res.status).toBe(429);
    const html = await res.text();
    expect(html).toContain("Could not load this task.");
    expect(html).toContain("Rate limit exceeded (100 requests/minute)");
    expect(html).toContain(`href="/dashboard/tasks/${task.id}">Retry</a>`);
    expect(html).not.toMatch(/Claims \(0\)/);
  });

  it.each([
    ["/dashboard", "Could not load your tasks.", "No tasks"],
    ["/dashboard/agents", "Could not load your agents.", "No agents yet"],
    ["/dashboard/credits", "Could not load your ledger.", "Balance:"],
    ["/dashboard/tasks/new", "Could not load the categories.", null],
  ])("shows %s's failed read instead of an empty page", async (path, failure, emptyText) => {
    const person = await registerPerson("Refused");
    await awayFromMinuteBoundary();
    await exhaust(person);
    const res = await page(path, person);
    const html = await res.text();
    expect(html).toContain(failure);
    expect(html).toContain("Rate limit exceeded (100 requests/minute)");
    expect(html).toContain(`href="${path}">Retry</a>`);
    if (emptyText) expect(html).not.toContain(emptyText);
    if (path !== "/dashboard/tasks/new") expect(res.status).toBe(429);
  });
});
