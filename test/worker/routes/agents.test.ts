import { describe, expect, it } from "vitest";
import {
  acceptClaim,
  acceptDeliverable,
  call,
  claim,
  claimedTask,
  deliver,
  expectStatus,
  personWithAgent,
  postTask,
  registerPerson,
} from "../../helpers/api";
import { expectError, expectValidationError } from "../../helpers/http";

interface Profile {
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
  operator: { id: number; name: string; credit_balance: number };
  [key: string]: unknown;
}

interface AgentClaim {
  id: number;
  task_id: number;
  agent_id: number;
  proposed_credits: number;
  message: string | null;
  status: string;
  task_title: string;
  task_status: string;
  created_at: string;
}

interface TaskSummary {
  id: number;
  title: string;
  status: string;
  budget_credits: number;
  poster: { id: number; name: string };
  [key: string]: unknown;
}

interface Credits {
  credit_balance: number;
  transactions: { id: number; amount: number; type: string; task_id: number | null; balance_after: number }[];
}

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
    for (const field of ["id", "name", "description", "capabilities", "category_ids", "status", "reputation_score", "tasks_completed", "avg_rating", "api_key_prefix", "operator"]) {
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
    const error = expectError(await call("PATCH", "/api/v1/agents/me", agent, { body: {} }), 422, "VALIDATION_ERROR", "No fields to update");
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

describe("GET /api/v1/agents/me/claims", () => {
  it("lists the agent's own claims, newest first, with task_title and task_status", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const rival = await personWithAgent("Rival");
    const first = await postTask(poster, { title: "First task to bid on" });
    const second = await postTask(poster, { title: "Second task to bid on" });
    const c1 = await claim(agent, first.id, 50);
    const c2 = await claim(agent, second.id, 60);
    await claim(rival, first.id, 40);
    await acceptClaim(poster, first.id, c1.id);

    const res = await call<AgentClaim[]>("GET", "/api/v1/agents/me/claims", agent);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(2);
    expect(res.body.data.map((c) => c.id)).toEqual([c2.id, c1.id]);
    expect(res.body.data[0]).toMatchObject({
      id: c2.id,
      task_id: second.id,
      agent_id: agent.id,
      proposed_credits: 60,
      status: "pending",
      task_title: "Second task to bid on",
      task_status: "open",
    });
    expect(res.body.data[1]).toMatchObject({
      id: c1.id,
      task_id: first.id,
      status: "accepted",
      task_title: "First task to bid on",
      task_status: "claimed",
    });
    expect(res.body.meta).toMatchObject({ has_more: false, count: 2, cursor: null });
  });

  it("filters by status", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const { claim: accepted } = await claimedTask(poster, agent);
    const pendingTask = await postTask(poster);
    const pending = await claim(agent, pendingTask.id);

    const onlyPending = await expectStatus<AgentClaim[]>(200, "GET", "/api/v1/agents/me/claims?status=pending", agent);
    expect(onlyPending.map((c) => c.id)).toEqual([pending.id]);
    const onlyAccepted = await expectStatus<AgentClaim[]>(200, "GET", "/api/v1/agents/me/claims?status=accepted", agent);
    expect(onlyAccepted.map((c) => c.id)).toEqual([accepted.id]);
    const none = await expectStatus<AgentClaim[]>(200, "GET", "/api/v1/agents/me/claims?status=withdrawn", agent);
    expect(none).toEqual([]);
  });

  it("pages with cursor and has_more", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await claim(agent, (await postTask(poster)).id)).id);

    const page1 = await call<AgentClaim[]>("GET", "/api/v1/agents/me/claims?limit=2", agent);
    expect(page1.body.meta).toMatchObject({ has_more: true, count: 2 });
    const page2 = await call<AgentClaim[]>(
      "GET",
      `/api/v1/agents/me/claims?limit=2&cursor=${encodeURIComponent(page1.body.meta.cursor!)}`,
      agent,
    );
    expect(page2.body.meta).toMatchObject({ has_more: false, count: 1, cursor: null });
    expect([...page1.body.data, ...page2.body.data].map((c) => c.id)).toEqual(ids.reverse());
  });

  it("refuses an unknown status with 400 INVALID_PARAMETER listing the valid values", async () => {
    const agent = await personWithAgent();
    const error = expectError(await call("GET", "/api/v1/agents/me/claims?status=bogus", agent), 400, "INVALID_PARAMETER");
    expect(error.details?.parameter).toBe("status");
    expect(error.message).toContain("status");
    expect(error.suggestion).toContain("pending");
  });

  it("refuses a signed-in person with 403", async () => {
    expectError(await call("GET", "/api/v1/agents/me/claims", await registerPerson("Human")), 403, "FORBIDDEN", /requires an agent API key/);
  });
});

describe("GET /api/v1/agents/me/tasks", () => {
  it("lists the tasks the agent holds, not ones it only bid on or another agent holds", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const rival = await personWithAgent("Rival");
    const { task: held } = await claimedTask(poster, agent, { title: "The held task" });
    const bidOnly = await postTask(poster);
    await claim(agent, bidOnly.id);
    await claimedTask(poster, rival);

    const res = await call<TaskSummary[]>("GET", "/api/v1/agents/me/tasks", agent);
    expect(res.status).toBe(200);
    expect(res.body.data.map((t) => t.id)).toEqual([held.id]);
    expect(res.body.data[0]).toMatchObject({
      id: held.id,
      title: "The held task",
      status: "claimed",
      budget_credits: 200,
      poster: { id: poster.id, name: "Poster" },
    });
    expect(res.body.meta).toMatchObject({ count: 1, has_more: false, cursor: null });
  });

  it("filters by status", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const { task: done } = await claimedTask(poster, agent);
    const work = await deliver(agent, done.id);
    await acceptDeliverable(poster, done.id, work.id);
    const { task: current } = await claimedTask(poster, agent);

    const all = await expectStatus<TaskSummary[]>(200, "GET", "/api/v1/agents/me/tasks", agent);
    expect(all.map((t) => t.id)).toEqual([current.id, done.id]);
    const completed = await expectStatus<TaskSummary[]>(200, "GET", "/api/v1/agents/me/tasks?status=completed", agent);
    expect(completed.map((t) => [t.id, t.status])).toEqual([[done.id, "completed"]]);
    const claimed = await expectStatus<TaskSummary[]>(200, "GET", "/api/v1/agents/me/tasks?status=claimed", agent);
    expect(claimed.map((t) => t.id)).toEqual([current.id]);
  });

  it("refuses an unknown status with 400 INVALID_PARAMETER", async () => {
    const agent = await personWithAgent();
    const error = expectError(await call("GET", "/api/v1/agents/me/tasks?status=finished", agent), 400, "INVALID_PARAMETER");
    expect(error.details?.parameter).toBe("status");
  });
});

describe("GET /api/v1/agents/me/credits", () => {
  it("returns the operator's balance and ledger", async () => {
    const agent = await personWithAgent();
    const res = await call<Credits>("GET", "/api/v1/agents/me/credits", agent);
    expect(res.status).toBe(200);
    expect(res.body.data.credit_balance).toBe(600);
    expect(res.body.data.transactions.map((t) => [t.amount, t.type, t.balance_after])).toEqual([
      [100, "bonus", 600],
      [500, "bonus", 500],
    ]);
    expect(res.body.meta).toMatchObject({ count: 2, has_more: false, cursor: null });
  });

  it("includes the payment for a completed task with its task_id", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const { task } = await claimedTask(poster, agent, { budget_credits: 100 });
    const work = await deliver(agent, task.id);
    await acceptDeliverable(poster, task.id, work.id);

    const credits = await expectStatus<Credits>(200, "GET", "/api/v1/agents/me/credits", agent);
    expect(credits.credit_balance).toBe(690);
    expect(credits.transactions[0]).toMatchObject({ amount: 90, type: "payment", task_id: task.id, balance_after: 690 });
  });

  it("pages the transactions with cursor and has_more", async () => {
    const agent = await personWithAgent();
    const page1 = await call<Credits>("GET", "/api/v1/agents/me/credits?limit=1", agent);
    expect(page1.status).toBe(200);
    expect(page1.body.data.transactions.map((t) => t.balance_after)).toEqual([600]);
    expect(page1.body.meta).toMatchObject({ count: 1, has_more: true });
    expect(typeof page1.body.meta.cursor).toBe("string");

    const page2 = await call<Credits>(
      "GET",
      `/api/v1/agents/me/credits?limit=1&cursor=${encodeURIComponent(page1.body.meta.cursor ?? "")}`,
      agent,
    );
    expect(page2.body.data.transactions.map((t) => t.balance_after)).toEqual([500]);
    expect(page2.body.meta).toMatchObject({ count: 1, has_more: false, cursor: null });
  });

  it("refuses a limit above 100 with 400 INVALID_PARAMETER", async () => {
    const agent = await personWithAgent();
    const error = expectError(await call("GET", "/api/v1/agents/me/credits?limit=500", agent), 400, "INVALID_PARAMETER");
    expect(error.details?.parameter).toBe("limit");
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
