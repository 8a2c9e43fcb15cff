import { describe, expect, it } from "vitest";
import { balanceOf, call, createAgent, expectStatus, registerPerson, type Agent, type Person } from "../../helpers/api";
import { expectError, expectValidationError, setAgentStatus } from "../../helpers/http";

interface AgentView {
  id: number;
  name: string;
  description: string;
  capabilities: string[];
  category_ids: number[];
  status: string;
  reputation_score: number;
  tasks_completed: number;
  avg_rating: number | null;
  api_key_prefix: string | null;
  hourly_rate_credits: number | null;
  webhook_url: string | null;
  llm_provider: string | null;
  has_llm_key: boolean;
  created_at: string;
  updated_at: string;
}

interface Transaction {
  id: number;
  amount: number;
  type: string;
  description: string;
  task_id: number | null;
  balance_after: number;
  created_at: string;
}

interface Credits {
  credit_balance: number;
  transactions: Transaction[];
}

const KEY_FORMAT = /^th_agent_[0-9a-f]{64}$/;

function createRaw(person: Person, body: Record<string, unknown>) {
  return call<{ agent: AgentView; api_key: string }>("POST", "/api/v1/operator/agents", person, { body });
}

function patch(person: Person, id: number, body: unknown) {
  return call<AgentView>("PATCH", `/api/v1/operator/agents/${id}`, person, { body });
}

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

describe("GET /api/v1/operator/agents", () => {
  it("lists only the caller's own agents, newest first", async () => {
    const person = await registerPerson("Operator");
    const other = await registerPerson("Other");
    const first = await createAgent(person);
    const foreign = await createAgent(other);
    const second = await createAgent(person);

    const res = await call<AgentView[]>("GET", "/api/v1/operator/agents", person);
    expect(res.status).toBe(200);
    expect(res.body.data.map((a) => a.id)).toEqual([second.id, first.id]);
    expect(res.body.data.map((a) => a.id)).not.toContain(foreign.id);
    expect(res.body.meta).toMatchObject({ cursor: null, has_more: false, count: 2 });
  });

  it("pages with cursor, has_more and count, without gaps or duplicates", async () => {
    const person = await registerPerson("Operator");
    const made: Agent[] = [];
    for (let i = 0; i < 5; i++) made.push(await createAgent(person));
    const expected = made.map((a) => a.id).reverse();

    const seen: number[] = [];
    let cursor: string | null | undefined = undefined;
    const pages: { count: number; has_more: boolean }[] = [];
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : "?limit=2";
      const res = await call<AgentView[]>("GET", `/api/v1/operator/agents${query}`, person);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((a) => a.id));
      pages.push({ count: res.body.meta.count!, has_more: res.body.meta.has_more! });
      expect(res.body.meta.count).toBe(res.body.data.length);
      cursor = res.body.meta.cursor;
      expect(typeof cursor === "string").toBe(res.body.meta.has_more);
    } while (cursor);

    expect(seen).toEqual(expected);
    expect(pages).toEqual([
      { count: 2, has_more: true },
      { count: 2, has_more: true },
      { count: 1, has_more: false },
    ]);
  });

  it("refuses a malformed cursor and an out-of-range limit with 400 INVALID_PARAMETER", async () => {
    const person = await registerPerson("Operator");
    expectError(await call("GET", "/api/v1/operator/agents?cursor=not-a-cursor", person), 400, "INVALID_PARAMETER", "Invalid cursor format");
    const zero = expectError(await call("GET", "/api/v1/operator/agents?limit=0", person), 400, "INVALID_PARAMETER");
    expect(zero.details?.parameter).toBe("limit");
    expectError(await call("GET", "/api/v1/operator/agents?limit=101", person), 400, "INVALID_PARAMETER");
  });
});

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

describe("GET /api/v1/operator/credits", () => {
  it("returns the balance and the person's transactions, newest first, with list meta", async () => {
    const person = await registerPerson("Operator");
    await createAgent(person);
    await createAgent(person);

    const res = await call<Credits>("GET", "/api/v1/operator/credits", person);
    expect(res.status).toBe(200);
    expect(res.body.data.credit_balance).toBe(700);
    expect(res.body.data.transactions.map((t) => [t.amount, t.type, t.balance_after])).toEqual([
      [100, "bonus", 700],
      [100, "bonus", 600],
      [500, "bonus", 500],
    ]);
    for (const t of res.body.data.transactions) {
      expect(Object.keys(t).sort()).toEqual(["amount", "balance_after", "created_at", "description", "id", "task_id", "type"]);
    }
    expect(res.body.meta).toMatchObject({ cursor: null, has_more: false, count: 3 });
  });

  it("shows only the caller's own entries", async () => {
    const person = await registerPerson("Operator");
    const other = await registerPerson("Other");
    await createAgent(other);
    const credits = await expectStatus<Credits>(200, "GET", "/api/v1/operator/credits", person);
    expect(credits.credit_balance).toBe(500);
    expect(credits.transactions).toHaveLength(1);
  });

  it("pages the transactions with cursor and has_more", async () => {
    const person = await registerPerson("Operator");
    await createAgent(person);
    await createAgent(person);

    const first = await call<Credits>("GET", "/api/v1/operator/credits?limit=2", person);
    expect(first.status).toBe(200);
    expect(first.body.data.credit_balance).toBe(700);
    expect(first.body.data.transactions.map((t) => t.balance_after)).toEqual([700, 600]);
    expect(first.body.meta).toMatchObject({ has_more: true, count: 2 });
    expect(typeof first.body.meta.cursor).toBe("string");

    const second = await call<Credits>(
      "GET",
      `/api/v1/operator/credits?limit=2&cursor=${encodeURIComponent(first.body.meta.cursor ?? "")}`,
      person,
    );
    expect(second.status).toBe(200);
    expect(second.body.data.transactions.map((t) => t.balance_after)).toEqual([500]);
    expect(second.body.meta).toMatchObject({ cursor: null, has_more: false, count: 1 });
  });

  it("refuses a malformed cursor, and one from another list, with 400 Invalid cursor format", async () => {
    const person = await registerPerson("Operator");
    const error = expectError(
      await call("GET", "/api/v1/operator/credits?cursor=bm90LWEtY3Vyc29y", person),
      400,
      "INVALID_PARAMETER",
      "Invalid cursor format",
    );
    expect(error.suggestion).toBe("Use the cursor value from a previous response, or omit it to start from the beginning");

    await createAgent(person);
    await createAgent(person);
    const agents = await call("GET", "/api/v1/operator/agents?limit=1", person);
    const foreign = agents.body.meta.cursor;
    expect(typeof foreign).toBe("string");
    expectError(
      await call("GET", `/api/v1/operator/credits?cursor=${encodeURIComponent(foreign ?? "")}`, person),
      400,
      "INVALID_PARAMETER",
      "Invalid cursor format",
    );
  });
});
