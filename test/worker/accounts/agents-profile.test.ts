import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AgentProfile as Profile } from "../../helpers/agents";
import { call, expectStatus, personWithAgent, registerPerson } from "../../helpers/api";
import { expectError, expectValidationError } from "../../helpers/http";

const LLM_KEY = "sk-ant-test-0123456789abcdef-SECRET";

describe("GET /api/v1/agents/me", () => {
  it("returns the calling agent's profile with its operator and the operator's balance", async () => {
    const operator = await registerPerson("Ops");
    const created = await expectStatus<{ agent: { id: number }; api_key: string }>(201, "POST", "/api/v1/operator/agents", operator, {
      body: { name: "profiled", description: "Has a profile", capabilities: ["research"], category_ids: [3] },
    });
    const me = await expectStatus<Profile>(200, "GET", "/api/v1/agents/me", { key: created.api_key });

    expect(me).toMatchObject({
      id: created.agent.id,
      name: "profiled",
      description: "Has a profile",
      capabilities: ["research"],
      category_ids: [3],
      status: "active",
      tasks_completed: 0,
      avg_rating: null,
      api_key_prefix: created.api_key.slice(0, 14),
      operator: { id: operator.id, name: "Ops", credit_balance: 600 },
    });
    expect(typeof me.reputation_score).toBe("number");
    expect(Object.keys(me.operator).sort()).toEqual(["credit_balance", "id", "name"]);
    for (const field of [
      "id",
      "name",
      "description",
      "capabilities",
      "category_ids",
      "status",
      "reputation_score",
      "tasks_completed",
      "avg_rating",
      "api_key_prefix",
      "operator",
    ]) {
      expect(me).toHaveProperty(field);
    }
  });

  it("refuses a signed-in person with 403 saying an agent key is required", async () => {
    const person = await registerPerson("Human");
    const error = expectError(await call("GET", "/api/v1/agents/me", person), 403, "FORBIDDEN", /requires an agent API key/);
    expect(error.suggestion).toContain("/api/v1/operator/agents");
  });
});

describe("PATCH /api/v1/agents/me", () => {
  it("updates each profile field and keeps it", async () => {
    const agent = await personWithAgent();
    const changes: Record<string, unknown>[] = [
      { name: "new-name" },
      { description: "A better description" },
      { capabilities: ["coding", "testing"] },
      { category_ids: [1, 7] },
      { webhook_url: "https://hooks.example.com/taskhive" },
      { hourly_rate_credits: 25 },
      { llm_provider: "openai" },
    ];
    for (const change of changes) {
      const res = await call<Profile>("PATCH", "/api/v1/agents/me", agent, { body: change });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data).toMatchObject(change);
    }
    const me = await expectStatus<Profile>(200, "GET", "/api/v1/agents/me", agent);
    expect(me).toMatchObject(Object.assign({}, ...changes));
    expect(me.operator.id).toBe(agent.operator.id);
  });

  it("keeps the category index equal to category_ids when ten changes race", async () => {
    const agent = await personWithAgent();
    const sets = Array.from({ length: 10 }, (_, i) => [1 + (i % 7), 1 + ((i + 3) % 7)]);
    const results = await Promise.all(sets.map((category_ids) => call("PATCH", "/api/v1/agents/me", agent, { body: { category_ids } })));
    expect(results.map((r) => r.status)).toEqual(sets.map(() => 200));
    const me = await expectStatus<Profile>(200, "GET", "/api/v1/agents/me", agent);
    const indexed = await env.DB.prepare("SELECT category_id FROM agent_categories WHERE agent_id = ? ORDER BY category_id")
      .bind(agent.id)
      .all<{ category_id: number }>();
    expect(indexed.results.map((r) => r.category_id)).toEqual([...me.category_ids].sort((a, b) => a - b));
    expect(sets.map((s) => JSON.stringify(s))).toContain(JSON.stringify(me.category_ids));
  });

  it("accepts hourly_rate_credits of 0", async () => {
    const agent = await personWithAgent();
    const res = await call<Profile>("PATCH", "/api/v1/agents/me", agent, { body: { hourly_rate_credits: 0 } });
    expect(res.status).toBe(200);
    expect(res.body.data.hourly_rate_credits).toBe(0);
  });

  it("stores an llm_key with its provider: has_llm_key is true and the key never appears in any response", async () => {
    const agent = await personWithAgent();
    const res = await call<Profile>("PATCH", "/api/v1/agents/me", agent, {
      body: { llm_key: LLM_KEY, llm_provider: "anthropic" },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ has_llm_key: true, llm_provider: "anthropic" });
    expect(res.body.data).not.toHaveProperty("llm_key");

    const reads = [
      res,
      await call("GET", "/api/v1/agents/me", agent),
      await call("GET", `/api/v1/agents/${agent.id}`, agent),
      await call("GET", "/api/v1/operator/agents", agent.operator),
    ];
    for (const read of reads) {
      expect(read.status).toBe(200);
      const text = JSON.stringify(read.body);
      expect(text).not.toContain(LLM_KEY);
      expect(text).not.toContain("SECRET");
    }
  });

  it("accepts an llm_key alone once a provider is stored", async () => {
    const agent = await personWithAgent();
    await expectStatus(200, "PATCH", "/api/v1/agents/me", agent, { body: { llm_provider: "openrouter" } });
    const res = await call<Profile>("PATCH", "/api/v1/agents/me", agent, { body: { llm_key: LLM_KEY } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ has_llm_key: true, llm_provider: "openrouter" });
  });

  it("refuses an llm_key without an llm_provider with 422 naming llm_provider, and stores nothing", async () => {
    const agent = await personWithAgent();
    expectValidationError(await call("PATCH", "/api/v1/agents/me", agent, { body: { llm_key: LLM_KEY } }), "llm_provider");
    const me = await expectStatus<Profile>(200, "GET", "/api/v1/agents/me", agent);
    expect(me.has_llm_key).toBe(false);
  });

  it("refuses an llm_key sent with a null llm_provider with 422 naming llm_provider, and stores nothing", async () => {
    const agent = await personWithAgent();
    expectValidationError(
      await call("PATCH", "/api/v1/agents/me", agent, { body: { llm_key: LLM_KEY, llm_provider: null } }),
      "llm_provider",
    );
    const me = await expectStatus<Profile>(200, "GET", "/api/v1/agents/me", agent);
    expect(me.has_llm_key).toBe(false);
  });

  it("removes fields sent as null: llm_key, webhook_url, hourly_rate_credits", async () => {
    const agent = await personWithAgent();
    await expectStatus(200, "PATCH", "/api/v1/agents/me", agent, {
      body: { llm_key: LLM_KEY, llm_provider: "anthropic", webhook_url: "https://hooks.example.com/x", hourly_rate_credits: 40 },
    });
    const res = await call<Profile>("PATCH", "/api/v1/agents/me", agent, {
      body: { llm_key: null, webhook_url: null, hourly_rate_credits: null },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ has_llm_key: false, webhook_url: null, hourly_rate_credits: null });
    const me = await expectStatus<Profile>(200, "GET", "/api/v1/agents/me", agent);
    expect(me).toMatchObject({ has_llm_key: false, webhook_url: null, hourly_rate_credits: null });
  });

  it("refuses an empty body with 422 No fields to update", async () => {
    const agent = await personWithAgent();
    const error = expectError(
      await call("PATCH", "/api/v1/agents/me", agent, { body: {} }),
      422,
      "VALIDATION_ERROR",
      "No fields to update",
    );
    expect(error.suggestion).toContain("name");
  });

  it("refuses invalid values with 422 naming the field", async () => {
    const agent = await personWithAgent();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{ description: 42 }, "description"],
      [{ capabilities: "coding" }, "capabilities"],
      [{ category_ids: [0] }, "category_ids.0"],
      [{ webhook_url: "not a url" }, "webhook_url"],
      [{ webhook_url: "ftp://files.example.com/hook" }, "webhook_url"],
      [{ hourly_rate_credits: -1 }, "hourly_rate_credits"],
      [{ hourly_rate_credits: 2.5 }, "hourly_rate_credits"],
      [{ llm_provider: "gemini" }, "llm_provider"],
      [{ llm_key: "short", llm_provider: "openai" }, "llm_key"],
    ];
    for (const [body, field] of cases) {
      expectValidationError(await call("PATCH", "/api/v1/agents/me", agent, { body }), field);
    }
  });

  it("refuses an unknown category id with 404 CATEGORY_NOT_FOUND", async () => {
    const agent = await personWithAgent();
    expectError(
      await call("PATCH", "/api/v1/agents/me", agent, { body: { category_ids: [42] } }),
      404,
      "CATEGORY_NOT_FOUND",
      "Category 42 does not exist",
    );
  });

  it("refuses a signed-in person with 403", async () => {
    const person = await registerPerson("Human");
    expectError(await call("PATCH", "/api/v1/agents/me", person, { body: { name: "x" } }), 403, "FORBIDDEN", /requires an agent API key/);
  });
});

describe("GET /api/v1/agents/:id", () => {
  const PRIVATE_FIELDS = ["api_key_prefix", "webhook_url", "has_llm_key", "llm_provider", "hourly_rate_credits", "operator"];

  it("shows any agent's public profile to another agent and to a person, without private fields", async () => {
    const subject = await personWithAgent("Subject");
    await expectStatus(200, "PATCH", "/api/v1/agents/me", subject, {
      body: { webhook_url: "https://hooks.example.com/private", llm_key: LLM_KEY, llm_provider: "anthropic", hourly_rate_credits: 30 },
    });
    const viewer = await personWithAgent("Viewer");
    const person = await registerPerson("Browser");

    for (const caller of [viewer, person]) {
      const res = await call<Record<string, unknown>>("GET", `/api/v1/agents/${subject.id}`, caller);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ id: subject.id, status: "active", tasks_completed: 0 });
      for (const field of ["name", "description", "capabilities", "category_ids", "reputation_score", "avg_rating"]) {
        expect(res.body.data).toHaveProperty(field);
      }
      for (const field of PRIVATE_FIELDS) expect(res.body.data).not.toHaveProperty(field);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain("hooks.example.com");
      expect(text).not.toContain(subject.key.slice(0, 14));
      expect(text).not.toContain(LLM_KEY);
    }
  });

  it("answers 404 AGENT_NOT_FOUND for an unknown id", async () => {
    const agent = await personWithAgent();
    expectError(await call("GET", "/api/v1/agents/987654321", agent), 404, "AGENT_NOT_FOUND", "Agent 987654321 does not exist");
  });

  it("answers 400 INVALID_PARAMETER for an id that is not a positive integer", async () => {
    const agent = await personWithAgent();
    for (const bad of ["abc", "0", "-1", "1.5", "1e3"]) {
      const error = expectError(await call("GET", `/api/v1/agents/${bad}`, agent), 400, "INVALID_PARAMETER");
      expect(error.details?.parameter).toBe("id");
    }
  });

  it("answers 401 without credentials", async () => {
    const agent = await personWithAgent();
    expectError(await call("GET", `/api/v1/agents/${agent.id}`, null), 401, "UNAUTHORIZED", "Missing or invalid Authorization header");
  });
});
