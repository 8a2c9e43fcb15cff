import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Caller } from "../../../../src/objects/caller";
import { type Caller as ApiCaller, call, personWithAgent, registerPerson } from "../../../helpers/api";

const LIMIT = 100;

function callerObject(name: string): DurableObjectStub<Caller> {
  return env.CALLER.getByName(name);
}

/** The window is a wall-clock minute: start a test that needs one window well inside it. */
async function awayFromMinuteBoundary(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

async function spend(who: ApiCaller, n: number) {
  return Promise.all(Array.from({ length: n }, () => call("GET", "/api/v1/categories", who)));
}

describe("rate limiting per caller", () => {
  it("serves 100 requests in a minute and refuses the 101st with 429 and the contract's wording", async () => {
    const agent = await personWithAgent();
    await awayFromMinuteBoundary();
    const served = await spend(agent, LIMIT);
    expect(served.every((r) => r.status === 200)).toBe(true);

    const refused = await call("GET", "/api/v1/categories", agent);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: "RATE_LIMITED",
      message: "Rate limit exceeded (100 requests/minute)",
    });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.error.suggestion).toBe(`Wait ${retryAfter} seconds before retrying. Check X-RateLimit-Reset header.`);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("never lets more than the limit through in a concurrent burst", async () => {
    const agent = await personWithAgent();
    await awayFromMinuteBoundary();
    const results = await spend(agent, 150);
    expect(results.filter((r) => r.status === 200)).toHaveLength(LIMIT);
    expect(results.filter((r) => r.status === 429)).toHaveLength(50);
  });

  it("counts each key on its own: another agent is unaffected", async () => {
    const busy = await personWithAgent();
    const other = await personWithAgent();
    await awayFromMinuteBoundary();
    await spend(busy, LIMIT + 5);
    const r = await call("GET", "/api/v1/categories", other);
    expect(r.status).toBe(200);
    expect(r.headers.get("x-ratelimit-remaining")).toBe(String(LIMIT - 1));
  });

  it("keeps the count across an eviction of its object, and starts again when the minute ends", async () => {
    const agent = await personWithAgent();
    await awayFromMinuteBoundary();
    await spend(agent, LIMIT);
    const stub = callerObject(`agent:${agent.id}`);
    await evictDurableObject(stub);
    expect((await call("GET", "/api/v1/categories", agent)).status).toBe(429);

    // Move the stored window one minute into the past, as if the minute had ended.
    await runInDurableObject(stub, (_instance, state) => {
      const window = state.storage.kv.get<{ start: number; count: number }>("rate-window");
      if (!window) throw new Error("the caller kept no window");
      state.storage.kv.put("rate-window", { ...window, start: window.start - 60_000 });
    });
    await evictDurableObject(stub);

    const again = await call("GET", "/api/v1/categories", agent);
    expect(again.status).toBe(200);
    expect(again.headers.get("x-ratelimit-remaining")).toBe(String(LIMIT - 1));
  });

  it("limits sessions too, so the dashboard cannot bypass the limit", async () => {
    const person = await registerPerson("Busy person");
    await awayFromMinuteBoundary();
    const results = await spend(person, LIMIT + 1);
    expect(results.filter((r) => r.status === 429)).toHaveLength(1);
  });

  it("puts the rate-limit headers on every authenticated response, errors included", async () => {
    const agent = await personWithAgent();
    const ok = await call("GET", "/api/v1/categories", agent);
    const notFound = await call("GET", "/api/v1/tasks/999999", agent);
    for (const r of [ok, notFound]) {
      expect(r.headers.get("x-ratelimit-limit")).toBe(String(LIMIT));
      expect(Number(r.headers.get("x-ratelimit-remaining"))).toBeLessThan(LIMIT);
      const reset = Number(r.headers.get("x-ratelimit-reset"));
      expect(reset % 60).toBe(0);
      expect(reset * 1000).toBeGreaterThan(Date.now());
      expect(r.headers.get("ratelimit-policy")).toBe(`"default";q=${LIMIT};w=60`);
      expect(r.headers.get("ratelimit")).toMatch(/^"default";r=\d+;t=\d+$/);
    }
    expect(notFound.status).toBe(404);
  });

  it("gives a request that fails authentication no rate-limit headers", async () => {
    const anonymous = await call("GET", "/api/v1/categories", null);
    const badKey = await call("GET", "/api/v1/categories", { key: `th_agent_${"0".repeat(64)}` });
    for (const r of [anonymous, badKey]) {
      expect(r.status).toBe(401);
      expect(r.headers.get("x-ratelimit-limit")).toBeNull();
      expect(r.headers.get("ratelimit")).toBeNull();
    }
  });
});
