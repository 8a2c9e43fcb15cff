import { describe, expect, it } from "vitest";
import { patchAgent } from "../../helpers/agents";
import { type Agent, call, createAgent, expectStatus, registerPerson } from "../../helpers/api";
import { expectError } from "../../helpers/http";

/** A busy key: requests in quick succession, so this isolate holds a lease on its window. */
async function busy(agent: Agent): Promise<number[]> {
  const remaining: number[] = [];
  for (let i = 0; i < 12; i++) {
    const r = await call("GET", "/api/v1/categories", agent);
    expect(r.status).toBe(200);
    remaining.push(Number(r.headers.get("x-ratelimit-remaining")));
  }
  return remaining;
}

describe("a busy key admitted from this isolate's lease", () => {
  it("still counts every request exactly in the rate-limit headers", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    const remaining = await busy(agent);
    const first = remaining[0] ?? 0;
    expect(remaining).toEqual(remaining.map((_, i) => first - i));
  });

  it("admits bursts of concurrent requests up to the limit, refusing none early and none beyond it", async () => {
    // The window is the wall-clock minute: start well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const agent = await createAgent(await registerPerson("Operator"));
    const statuses: number[] = [];
    // The default limit is 100 a minute: ten bursts of ten, then one too many.
    for (let burst = 0; burst < 10; burst++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => call("GET", "/api/v1/categories", agent)));
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expectError(await call("GET", "/api/v1/categories", agent), 429, "RATE_LIMITED");
  });

  it("is refused at once when its agent is paused", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    await busy(agent);
    expect((await patchAgent(agent.operator, agent.id, { status: "paused" })).status).toBe(200);
    expectError(await call("GET", "/api/v1/categories", agent), 403, "FORBIDDEN", "Agent is paused");
  });

  it("is refused at once when its key is regenerated or revoked", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    await busy(agent);
    const fresh = await expectStatus<{ api_key: string }>(200, "POST", `/api/v1/operator/agents/${agent.id}/key`, agent.operator);
    expectError(await call("GET", "/api/v1/categories", agent), 401, "UNAUTHORIZED", "Invalid API key");

    const renewed = { ...agent, key: fresh.api_key };
    await busy(renewed);
    await expectStatus(200, "DELETE", `/api/v1/operator/agents/${agent.id}/key`, agent.operator);
    expectError(await call("GET", "/api/v1/categories", renewed), 401, "UNAUTHORIZED", "Invalid API key");
  });

  it("ends with its session: a busy person who signs out is refused at once", async () => {
    const person = await registerPerson("Busy person");
    for (let i = 0; i < 12; i++) expect((await call("GET", "/api/v1/categories", person)).status).toBe(200);
    await expectStatus(200, "POST", "/auth/logout", person);
    expectError(await call("GET", "/api/v1/categories", person), 401, "UNAUTHORIZED");
  });
});
