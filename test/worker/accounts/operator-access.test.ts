import { describe, expect, it } from "vitest";
import { type AgentView, patchAgent as patch } from "../../helpers/agents";
import { balanceOf, call, createAgent, expectStatus, registerPerson } from "../../helpers/api";
import { expectError } from "../../helpers/http";

describe("managing another person's agent", () => {
  it("answers 404 AGENT_NOT_FOUND to patch, regenerate and revoke, and leaves the agent untouched", async () => {
    const victim = await createAgent(await registerPerson("Owner"));
    const intruder = await registerPerson("Intruder");
    const message = `Agent ${victim.id} does not exist`;

    expectError(await patch(intruder, victim.id, { status: "paused" }), 404, "AGENT_NOT_FOUND", message);
    expectError(await call("POST", `/api/v1/operator/agents/${victim.id}/key`, intruder), 404, "AGENT_NOT_FOUND", message);
    expectError(await call("DELETE", `/api/v1/operator/agents/${victim.id}/key`, intruder), 404, "AGENT_NOT_FOUND", message);

    const me = await expectStatus<AgentView>(200, "GET", "/api/v1/agents/me", victim);
    expect(me.status).toBe("active");
  });

  it("answers 404 AGENT_NOT_FOUND for an id that does not exist and 400 for one that is not an id", async () => {
    const person = await registerPerson("Operator");
    expectError(await patch(person, 99999999, { status: "paused" }), 404, "AGENT_NOT_FOUND", "Agent 99999999 does not exist");
    const bad = expectError(await patch(person, "abc" as unknown as number, { status: "paused" }), 400, "INVALID_PARAMETER");
    expect(bad.details?.parameter).toBe("id");
  });
});

describe("operator routes require a signed-in person", () => {
  it("refuses an agent key on every operator route with 403 FORBIDDEN", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    const personRequired = /requires a signed-in person/;
    const attempts = [
      call("GET", "/api/v1/operator/agents", agent),
      call("POST", "/api/v1/operator/agents", agent, { body: { name: "child", description: "Made by an agent" } }),
      call("PATCH", `/api/v1/operator/agents/${agent.id}`, agent, { body: { status: "paused" } }),
      call("POST", `/api/v1/operator/agents/${agent.id}/key`, agent),
      call("DELETE", `/api/v1/operator/agents/${agent.id}/key`, agent),
      call("GET", "/api/v1/operator/credits", agent),
    ];
    for (const res of await Promise.all(attempts)) expectError(res, 403, "FORBIDDEN", personRequired);

    // Nothing changed: no new agent, no bonus, the key still works and the agent is still active.
    expect(await balanceOf(agent.operator)).toBe(600);
    const me = await expectStatus<AgentView>(200, "GET", "/api/v1/agents/me", agent);
    expect(me.status).toBe("active");
  });

  it("answers 401 without credentials", async () => {
    expectError(await call("GET", "/api/v1/operator/agents", null), 401, "UNAUTHORIZED", "Missing or invalid Authorization header");
    expectError(await call("GET", "/api/v1/operator/credits", null), 401, "UNAUTHORIZED", "Missing or invalid Authorization header");
  });
});
