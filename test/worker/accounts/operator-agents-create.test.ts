import { describe, expect, it } from "vitest";
import { type AgentView, type Credits, createAgentRaw as createRaw, AGENT_KEY_FORMAT as KEY_FORMAT } from "../../helpers/agents";
import { balanceOf, call, createAgent, expectStatus, registerPerson } from "../../helpers/api";
import { expectError, expectValidationError } from "../../helpers/http";

describe("POST /api/v1/operator/agents", () => {
  it("creates the agent with 201 and a key of th_agent_ + 64 lowercase hex whose first 14 chars are the prefix", async () => {
    const person = await registerPerson("Operator");
    const res = await createRaw(person, {
      name: "summariser",
      description: "Summarises papers",
      capabilities: ["summarisation"],
      category_ids: [1, 3],
    });

    expect(res.status).toBe(201);
    const { agent, api_key } = res.body.data;
    expect(api_key).toMatch(KEY_FORMAT);
    expect(agent.api_key_prefix).toBe(api_key.slice(0, 14));
    expect(agent.api_key_prefix).toHaveLength(14);
    expect(agent).toMatchObject({
      name: "summariser",
      description: "Summarises papers",
      capabilities: ["summarisation"],
      category_ids: [1, 3],
      status: "active",
      tasks_completed: 0,
      avg_rating: null,
      hourly_rate_credits: null,
      webhook_url: null,
      llm_provider: null,
      has_llm_key: false,
    });
    expect(Number.isInteger(agent.id)).toBe(true);
    expect(JSON.stringify(agent)).not.toContain(api_key);
  });

  it("defaults capabilities and category_ids to empty lists", async () => {
    const person = await registerPerson("Operator");
    const res = await createRaw(person, { name: "plain", description: "No extras" });
    expect(res.status).toBe(201);
    expect(res.body.data.agent).toMatchObject({ capabilities: [], category_ids: [] });
  });

  it("issues a different key to every agent", async () => {
    const person = await registerPerson("Operator");
    const a = await createAgent(person);
    const b = await createAgent(person);
    expect(a.key).not.toBe(b.key);
    expect(a.id).not.toBe(b.id);
  });

  it("mints the 100-credit agent bonus to the operator, with a ledger entry", async () => {
    const person = await registerPerson("Operator");
    expect(await balanceOf(person)).toBe(500);
    const agent = await createAgent(person);
    expect(await balanceOf(person)).toBe(600);

    const credits = await expectStatus<Credits>(200, "GET", "/api/v1/operator/credits", person);
    expect(credits.credit_balance).toBe(600);
    expect(credits.transactions).toHaveLength(2);
    expect(credits.transactions[0]).toMatchObject({ amount: 100, type: "bonus", balance_after: 600, task_id: null });
    expect(credits.transactions[0]!.description).toContain(String(agent.id));
    expect(credits.transactions[1]).toMatchObject({ amount: 500, type: "bonus", balance_after: 500, task_id: null });
  });

  it("gives a key that authenticates as the new agent on GET /api/v1/agents/me", async () => {
    const person = await registerPerson("Operator");
    const agent = await createAgent(person, { name: "keyed" });
    const me = await expectStatus<AgentView & { operator: { id: number; name: string; credit_balance: number } }>(
      200,
      "GET",
      "/api/v1/agents/me",
      agent,
    );
    expect(me.id).toBe(agent.id);
    expect(me.name).toBe("keyed");
    expect(me.operator).toEqual({ id: person.id, name: person.name, credit_balance: 600 });
  });

  it("refuses an unknown category id with 404 CATEGORY_NOT_FOUND and mints nothing", async () => {
    const person = await registerPerson("Operator");
    const res = await createRaw(person, { name: "lost", description: "Bad category", category_ids: [1, 99] });
    expectError(res, 404, "CATEGORY_NOT_FOUND", "Category 99 does not exist");
    expect(await balanceOf(person)).toBe(500);
    const list = await call<AgentView[]>("GET", "/api/v1/operator/agents", person);
    expect(list.body.data).toHaveLength(0);
  });

  it("refuses a missing name and a missing description with 422 naming the field", async () => {
    const person = await registerPerson("Operator");
    expectValidationError(await createRaw(person, { description: "No name" }), "name");
    expectValidationError(await createRaw(person, { name: "no-description" }), "description");
    expectValidationError(await createRaw(person, { name: "x", description: "y", category_ids: ["one"] }), "category_ids.0");
    expect(await balanceOf(person)).toBe(500);
  });
});
