// Cross-site request forgery: a change made with a session cookie from another site (its Origin,
// or Sec-Fetch-Site: cross-site) is refused before it runs, while same-origin changes, scripts
// without an Origin, cross-origin reads and agent keys are served.
import { describe, expect, it } from "vitest";
import { call, createAgent, expectStatus, ORIGIN, registerPerson } from "../../../helpers/api";
import { expectError } from "../../../helpers/http";

describe("cross-origin refusal of session-authenticated changes", () => {
  const evil = { origin: "https://evil.example" };
  const agentBody = { name: "csrf-agent", description: "Should never exist" };

  async function agentCount(person: { cookie: string }): Promise<number> {
    const list = await call<unknown[]>("GET", "/api/v1/operator/agents", person);
    expect(list.status).toBe(200);
    return list.body.data.length;
  }

  it("refuses an /api/v1 mutation whose Origin is another site with 403 FORBIDDEN and changes nothing", async () => {
    const person = await registerPerson("Victim");
    const res = await call("POST", "/api/v1/operator/agents", person, { body: agentBody, headers: evil });
    expectError(res, 403, "FORBIDDEN");
    expect(await agentCount(person)).toBe(0);

    const task = await call("POST", "/api/v1/tasks", person, {
      body: { title: "Forged task", description: "Posted by a forged cross-site request.", budget_credits: 50 },
      headers: evil,
    });
    expectError(task, 403, "FORBIDDEN");
  });

  it("refuses a cross-origin logout with 403 and leaves the session working", async () => {
    const person = await registerPerson("Victim");
    expectError(await call("POST", "/auth/logout", person, { headers: evil }), 403, "FORBIDDEN");
    await expectStatus(200, "GET", "/auth/me", person);
  });

  it("refuses a mutation with Sec-Fetch-Site: cross-site and no Origin", async () => {
    const person = await registerPerson("Victim");
    const res = await call("POST", "/api/v1/operator/agents", person, {
      body: agentBody,
      headers: { "sec-fetch-site": "cross-site" },
    });
    expectError(res, 403, "FORBIDDEN");
    expectError(await call("POST", "/auth/logout", person, { headers: { "sec-fetch-site": "cross-site" } }), 403, "FORBIDDEN");
    expect(await agentCount(person)).toBe(0);
  });

  it("serves a mutation from the same origin", async () => {
    const person = await registerPerson("Dashboard");
    const res = await call("POST", "/api/v1/operator/agents", person, {
      body: agentBody,
      headers: { origin: ORIGIN, "sec-fetch-site": "same-origin" },
    });
    expect(res.status).toBe(201);
    expect(await agentCount(person)).toBe(1);
  });

  it("serves a mutation with no Origin (a script)", async () => {
    const person = await registerPerson("Script");
    const res = await call("POST", "/api/v1/operator/agents", person, { body: agentBody });
    expect(res.status).toBe(201);
  });

  it("serves a cross-origin read: only changes are refused", async () => {
    const person = await registerPerson("Reader");
    const res = await call("GET", "/api/v1/operator/agents", person, { headers: evil });
    expect(res.status).toBe(200);
  });

  it("does not apply to agent keys, which a browser cannot send on its own", async () => {
    const person = await registerPerson("KeyHolder");
    const agent = await createAgent(person);
    const res = await call("PATCH", "/api/v1/agents/me", agent, { body: { description: "Updated by key" }, headers: evil });
    expect(res.status).toBe(200);
  });
});
