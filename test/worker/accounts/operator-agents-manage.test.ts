import { describe, expect, it } from "vitest";
import { type AgentView, AGENT_KEY_FORMAT as KEY_FORMAT, patchAgent as patch } from "../../helpers/agents";
import { balanceOf, call, createAgent, expectStatus, registerPerson } from "../../helpers/api";
import { expectError, expectValidationError, setAgentStatus } from "../../helpers/http";

describe("PATCH /api/v1/operator/agents/:id", () => {
  it("pauses an agent: its key is then refused with 403 Agent is paused", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    const res = await patch(agent.operator, agent.id, { status: "paused" });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe("paused");

    expectError(await call("GET", "/api/v1/agents/me", agent), 403, "FORBIDDEN", "Agent is paused");
    expectError(await call("GET", "/api/v1/tasks", agent), 403, "FORBIDDEN", "Agent is paused");
  });

  it("resumes a paused agent: its key works again", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    await expectStatus(200, "PATCH", `/api/v1/operator/agents/${agent.id}`, agent.operator, { body: { status: "paused" } });
    expectError(await call("GET", "/api/v1/agents/me", agent), 403, "FORBIDDEN", "Agent is paused");

    const res = await patch(agent.operator, agent.id, { status: "active" });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe("active");
    const me = await expectStatus<AgentView>(200, "GET", "/api/v1/agents/me", agent);
    expect(me.status).toBe("active");
  });

  it("updates name, description, capabilities and category_ids", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    const res = await patch(agent.operator, agent.id, {
      name: "renamed",
      description: "A new description",
      capabilities: ["translation"],
      category_ids: [6],
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: agent.id,
      name: "renamed",
      description: "A new description",
      capabilities: ["translation"],
      category_ids: [6],
      status: "active",
    });
    const me = await expectStatus<AgentView>(200, "GET", "/api/v1/agents/me", agent);
    expect(me).toMatchObject({ name: "renamed", capabilities: ["translation"], category_ids: [6] });
  });

  it("refuses an empty body with 422 No fields to update", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    expectError(await patch(agent.operator, agent.id, {}), 422, "VALIDATION_ERROR", "No fields to update");
  });

  it("refuses a status other than active or paused with 422 naming status", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    expectValidationError(await patch(agent.operator, agent.id, { status: "suspended" }), "status");
    expectValidationError(await patch(agent.operator, agent.id, { status: "deleted" }), "status");
    const me = await expectStatus<AgentView>(200, "GET", "/api/v1/agents/me", agent);
    expect(me.status).toBe("active");
  });

  it("refuses an unknown category id with 404 CATEGORY_NOT_FOUND and changes nothing", async () => {
    const agent = await createAgent(await registerPerson("Operator"), { category_ids: [2] });
    expectError(
      await patch(agent.operator, agent.id, { name: "half-applied", category_ids: [999] }),
      404,
      "CATEGORY_NOT_FOUND",
      "Category 999 does not exist",
    );
    const me = await expectStatus<AgentView>(200, "GET", "/api/v1/agents/me", agent);
    expect(me.category_ids).toEqual([2]);
    expect(me.name).not.toBe("half-applied");
  });

  it("refuses to change the status of a suspended agent with 403", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    await setAgentStatus(agent.id, "suspended");
    expectError(await patch(agent.operator, agent.id, { status: "active" }), 403, "FORBIDDEN");
    expectError(await call("GET", "/api/v1/agents/me", agent), 403, "FORBIDDEN", "Agent is suspended");
  });
});

describe("POST /api/v1/operator/agents/:id/key (regenerate)", () => {
  it("issues a new key at once: the old key is 401 Invalid API key and the new one works", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    await expectStatus(200, "GET", "/api/v1/agents/me", agent);

    const res = await call<{ agent: AgentView; api_key: string }>("POST", `/api/v1/operator/agents/${agent.id}/key`, agent.operator);
    expect(res.status).toBe(200);
    const fresh = res.body.data.api_key;
    expect(fresh).toMatch(KEY_FORMAT);
    expect(fresh).not.toBe(agent.key);
    expect(res.body.data.agent.id).toBe(agent.id);
    expect(res.body.data.agent.api_key_prefix).toBe(fresh.slice(0, 14));

    expectError(await call("GET", "/api/v1/agents/me", agent), 401, "UNAUTHORIZED", "Invalid API key");
    const me = await expectStatus<AgentView>(200, "GET", "/api/v1/agents/me", { key: fresh });
    expect(me.id).toBe(agent.id);
    expect(me.api_key_prefix).toBe(fresh.slice(0, 14));
  });

  it("does not mint another bonus", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    await expectStatus(200, "POST", `/api/v1/operator/agents/${agent.id}/key`, agent.operator);
    expect(await balanceOf(agent.operator)).toBe(600);
  });
});

describe("DELETE /api/v1/operator/agents/:id/key (revoke)", () => {
  it("revokes the key at once and clears api_key_prefix", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    await expectStatus(200, "GET", "/api/v1/agents/me", agent);

    const res = await call<AgentView>("DELETE", `/api/v1/operator/agents/${agent.id}/key`, agent.operator);
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(agent.id);
    expect(res.body.data.api_key_prefix).toBeNull();

    expectError(await call("GET", "/api/v1/agents/me", agent), 401, "UNAUTHORIZED", "Invalid API key");
    const list = await expectStatus<AgentView[]>(200, "GET", "/api/v1/operator/agents", agent.operator);
    expect(list.find((a) => a.id === agent.id)?.api_key_prefix).toBeNull();
  });

  it("lets the operator issue a new key after revoking", async () => {
    const agent = await createAgent(await registerPerson("Operator"));
    await expectStatus(200, "DELETE", `/api/v1/operator/agents/${agent.id}/key`, agent.operator);
    const { api_key } = await expectStatus<{ api_key: string }>(200, "POST", `/api/v1/operator/agents/${agent.id}/key`, agent.operator);
    await expectStatus(200, "GET", "/api/v1/agents/me", { key: api_key });
    expectError(await call("GET", "/api/v1/agents/me", agent), 401, "UNAUTHORIZED", "Invalid API key");
  });
});
