import { beforeAll, describe, expect, it } from "vitest";
import type { Agent, Person, TaskSummary as Summary, TaskView } from "../../helpers/api";
import { call, createAgent, expectStatus, posterAndAgents, postTask, registerPerson } from "../../helpers/api";
import { expectError, expectErrorCall, getTask } from "../../helpers/flows";

const VALID = {
  title: "Summarise three papers",
  description: "Read the three linked papers and compare their caching strategies.",
  budget_credits: 200,
};

let poster: Person, worker: Agent;
beforeAll(async () => {
  [poster, worker] = await posterAndAgents("Worker");
});

describe("POST /api/v1/tasks", () => {
  it("creates an open task for a signed-in person with the contract's detail shape", async () => {
    const result = await call<TaskView>("POST", "/api/v1/tasks", poster, {
      body: { ...VALID, category_id: 3, requirements: "Cite every paper", deadline: "2099-01-01T00:00:00Z" },
    });
    expect(result.status).toBe(201);
    expect(result.body.ok).toBe(true);
    expect(result.body.meta.request_id).toMatch(/^req_/);
    const task = result.body.data;
    expect(task).toMatchObject({
      title: VALID.title,
      description: VALID.description,
      budget_credits: 200,
      category: { id: 3, name: "Research", slug: "research" },
      status: "open",
      poster: { id: poster.id, name: "Poster" },
      claims_count: 0,
      deadline: "2099-01-01T00:00:00.000Z",
      max_revisions: 2,
      requirements: "Cite every paper",
      claimed_by_agent_id: null,
      deliverables_count: 0,
      auto_review_enabled: false,
    });
    expect(Number.isInteger(task.id) && task.id > 0).toBe(true);
    expect(task.created_at).toMatch(/Z$/);
    expect(task.updated_at).toMatch(/Z$/);
    expect(Array.isArray(task.next_actions)).toBe(true);
  });

  it("records the agent's operator as the poster when an agent posts", async () => {
    const task = await postTask(worker, { ...VALID });
    expect(task.poster).toEqual({ id: worker.operator.id, name: worker.operator.name });
    const seenByPerson = await getTask(worker.operator, task.id);
    expect(seenByPerson.poster).toEqual({ id: worker.operator.id, name: worker.operator.name });
    // The operator is the poster, so the operator sees the poster's actions.
    expect(seenByPerson.next_actions.map((a) => a.action)).toEqual(["list_claims", "accept_claim", "cancel"]);
  });

  it("defaults max_revisions to 2, requirements and deadline and category to null", async () => {
    const task = await postTask(poster, { ...VALID });
    expect(task).toMatchObject({ max_revisions: 2, requirements: null, deadline: null, category: null, auto_review_enabled: false });
  });

  it.each([
    ["title", 5],
    ["title", 200],
    ["description", 20],
    ["description", 5000],
    ["requirements", 5000],
  ])("accepts %s at its length bound of %i characters", async (field, length) => {
    const task = await postTask(poster, { ...VALID, [field]: "x".repeat(length) });
    expect(String((task as Record<string, unknown>)[field]).length).toBe(length);
  });

  it.each([0, 5])("accepts max_revisions %i", async (maxRevisions) => {
    const task = await postTask(poster, { ...VALID, max_revisions: maxRevisions });
    expect(task.max_revisions).toBe(maxRevisions);
  });

  it("takes a priority from 1 to 5 (3 by default) and refuses others", async () => {
    expect((await postTask(poster)).priority).toBe(3);
    expect((await postTask(poster, { priority: 5 })).priority).toBe(5);
    for (const priority of [0, 6, 2.5]) {
      const refused = await call("POST", "/api/v1/tasks", poster, { body: { ...VALID, priority } });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe("VALIDATION_ERROR");
    }
  });

  it("accepts the minimum budget of 10", async () => {
    const task = await postTask(poster, { ...VALID, budget_credits: 10 });
    expect(task.budget_credits).toBe(10);
  });

  const invalid: [string, string, Record<string, unknown>, string | RegExp][] = [
    ["title missing", "title", { title: undefined }, "title is required"],
    ["title of 4 characters", "title", { title: "abcd" }, "title must be at least 5 characters"],
    ["title of 4 characters after trimming", "title", { title: "   abcd   " }, "title must be at least 5 characters"],
    ["title of 201 characters", "title", { title: "x".repeat(201) }, "title must be at most 200 characters"],
    ["title that is not a string", "title", { title: 12345 }, "title must be a string"],
    ["description missing", "description", { description: undefined }, "description is required"],
    ["description of 19 characters", "description", { description: "x".repeat(19) }, "description must be at least 20 characters"],
    ["description of 5001 characters", "description", { description: "x".repeat(5001) }, "description must be at most 5000 characters"],
    ["budget missing", "budget_credits", { budget_credits: undefined }, "budget_credits is required"],
    ["budget of 9", "budget_credits", { budget_credits: 9 }, "budget_credits must be ≥ 10"],
    ["budget of 0", "budget_credits", { budget_credits: 0 }, "budget_credits must be ≥ 10"],
    ["negative budget", "budget_credits", { budget_credits: -50 }, "budget_credits must be ≥ 10"],
    ["fractional budget", "budget_credits", { budget_credits: 10.5 }, /^budget_credits must be an? int/],
    ["budget as a string", "budget_credits", { budget_credits: "100" }, "budget_credits must be a number"],
    ["max_revisions of -1", "max_revisions", { max_revisions: -1 }, "max_revisions must be ≥ 0"],
    ["max_revisions of 6", "max_revisions", { max_revisions: 6 }, "max_revisions must be ≤ 5"],
    ["fractional max_revisions", "max_revisions", { max_revisions: 1.5 }, /^max_revisions must be an? int/],
    ["requirements of 5001 characters", "requirements", { requirements: "x".repeat(5001) }, "requirements must be at most 5000 characters"],
    ["deadline that is not a timestamp", "deadline", { deadline: "next tuesday" }, "deadline must be a valid datetime"],
    ["category_id that is not an integer", "category_id", { category_id: "coding" }, "category_id must be a number"],
    [
      "poster_llm_key without a provider",
      "poster_llm_provider",
      { poster_llm_key: "sk-test-1234567890" },
      "poster_llm_provider is required when poster_llm_key is set",
    ],
    [
      "unknown poster_llm_provider",
      "poster_llm_provider",
      { poster_llm_key: "sk-test-1234567890", poster_llm_provider: "acme" },
      "poster_llm_provider must be one of: anthropic, openai, openrouter",
    ],
  ];

  it.each(invalid)("refuses a %s with 422 VALIDATION_ERROR naming the field", async (_case, field, override, message) => {
    const body: Record<string, unknown> = { ...VALID, ...override };
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
    const result = await call("POST", "/api/v1/tasks", poster, { body });
    expectError(result, 422, "VALIDATION_ERROR", message);
    expect(result.body.error.message.startsWith(`${field} `)).toBe(true);
    expect(result.body.error.details).toMatchObject({ field });
    expect(result.body.error.suggestion).toContain(field);
  });

  it("refuses a deadline in the past with 422 INVALID_DEADLINE", async () => {
    const error = await expectErrorCall(
      422,
      "INVALID_DEADLINE",
      "deadline must be in the future (got 2020-01-01T00:00:00Z)",
      "POST",
      "/api/v1/tasks",
      poster,
      { body: { ...VALID, deadline: "2020-01-01T00:00:00Z" } },
    );
    expect(error.details).toEqual({ field: "deadline" });
  });

  it("refuses a deadline of right now with 422 INVALID_DEADLINE", async () => {
    const now = new Date(Date.now() - 1000).toISOString();
    await expectErrorCall(422, "INVALID_DEADLINE", /^deadline must be in the future/, "POST", "/api/v1/tasks", poster, {
      body: { ...VALID, deadline: now },
    });
  });

  it("refuses an unknown category_id with 404 CATEGORY_NOT_FOUND", async () => {
    const error = await expectErrorCall(404, "CATEGORY_NOT_FOUND", "Category 999 does not exist", "POST", "/api/v1/tasks", poster, {
      body: { ...VALID, category_id: 999 },
    });
    expect(error.suggestion).toContain("/api/v1/categories");
  });

  it("creates nothing when validation fails", async () => {
    const marker = 987_651;
    await expectErrorCall(422, "VALIDATION_ERROR", undefined, "POST", "/api/v1/tasks", poster, {
      body: { ...VALID, budget_credits: marker, title: "x" },
    });
    const listed = await expectStatus<Summary[]>(200, "GET", `/api/v1/tasks?min_budget=${marker}&max_budget=${marker}`, poster);
    expect(listed).toEqual([]);
  });

  it("requires authentication", async () => {
    await expectErrorCall(401, "UNAUTHORIZED", "Missing or invalid Authorization header", "POST", "/api/v1/tasks", null, {
      body: VALID,
    });
  });

  it("never returns poster_llm_key in the create, read or browse responses", async () => {
    const secret = "sk-secret-poster-key-0123456789";
    const marker = 987_652;
    const created = await call<TaskView>("POST", "/api/v1/tasks", poster, {
      body: {
        ...VALID,
        budget_credits: marker,
        auto_review_enabled: true,
        poster_llm_key: secret,
        poster_llm_provider: "anthropic",
        poster_max_reviews: 3,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.auto_review_enabled).toBe(true);
    const read = await call("GET", `/api/v1/tasks/${created.body.data.id}`, poster);
    const readByAgent = await call("GET", `/api/v1/tasks/${created.body.data.id}`, worker);
    const browse = await call("GET", `/api/v1/tasks?min_budget=${marker}&max_budget=${marker}`, poster);
    expect(browse.body.data).toHaveLength(1);
    for (const response of [created, read, readByAgent, browse]) {
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(secret);
      expect(text).not.toContain("poster_llm_key");
      expect(text).not.toContain("secret-poster");
    }
  });
});

describe("agents posting on behalf of their operator", () => {
  it("treats an agent's task as its operator's for poster actions", async () => {
    const operator = await registerPerson("Operator");
    const posterAgent = await createAgent(operator);
    const task = await postTask(posterAgent, {});
    expect(task.poster).toEqual({ id: operator.id, name: operator.name });
    // The operator's session may cancel what its agent posted.
    const cancelled = await expectStatus<{ status: string }>(200, "POST", `/api/v1/tasks/${task.id}/cancel`, operator);
    expect(cancelled.status).toBe("cancelled");
  });
});
