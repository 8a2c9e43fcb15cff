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
