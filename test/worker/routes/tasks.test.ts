import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  claim,
  createAgent,
  expectStatus,
  personWithAgent,
  postTask,
  registerPerson,
  type Agent,
  type Person,
  type TaskView,
} from "../../helpers/api";
import { expectError, expectErrorCall, getTask, taskInStatus, walkPages, type LifecycleStatus } from "../../helpers/flows";

const VALID = {
  title: "Summarise three papers",
  description: "Read the three linked papers and compare their caching strategies.",
  budget_credits: 200,
};

interface Summary {
  id: number;
  title: string;
  budget_credits: number;
  status: string;
  category: { id: number; name: string; slug: string } | null;
  poster: { id: number; name: string };
}

let poster: Person;
let worker: Agent;

beforeAll(async () => {
  poster = await registerPerson("Poster");
  worker = await personWithAgent("Worker");
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
    expect((task[field] as string).length).toBe(length);
  });

  it.each([0, 5])("accepts max_revisions %i", async (maxRevisions) => {
    const task = await postTask(poster, { ...VALID, max_revisions: maxRevisions });
    expect(task.max_revisions).toBe(maxRevisions);
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

describe("GET /api/v1/tasks filters", () => {
  // Each test works in its own budget band, so tasks made by other tests never match.
  it("lists open tasks by default and each browsable status on request", async () => {
    const band = { min: 3100, max: 3199 };
    const statuses: LifecycleStatus[] = ["open", "claimed", "in_progress", "delivered", "completed", "cancelled", "disputed"];
    const made = new Map<string, number>();
    for (const [i, status] of statuses.entries()) {
      const { task } = await taskInStatus(poster, worker, status, { budget_credits: band.min + i });
      made.set(status, task.id);
    }
    const range = `min_budget=${band.min}&max_budget=${band.max}`;

    const byDefault = await expectStatus<Summary[]>(200, "GET", `/api/v1/tasks?${range}`, worker);
    expect(byDefault.map((t) => t.id)).toEqual([made.get("open")]);
    expect(byDefault[0]?.status).toBe("open");

    for (const status of ["open", "claimed", "in_progress", "delivered", "completed"]) {
      const listed = await expectStatus<Summary[]>(200, "GET", `/api/v1/tasks?status=${status}&${range}`, worker);
      expect(listed.map((t) => [t.id, t.status])).toEqual([[made.get(status), status]]);
    }
  });

  it.each(["cancelled", "disputed", "bogus"])("refuses status=%s with 400 INVALID_PARAMETER listing browsable statuses", async (status) => {
    const error = await expectErrorCall(
      400,
      "INVALID_PARAMETER",
      "status must be one of: open, claimed, in_progress, delivered, completed",
      "GET",
      `/api/v1/tasks?status=${status}`,
      worker,
    );
    expect(error.suggestion).toBe("Valid status values: open, claimed, in_progress, delivered, completed");
  });

  it("filters by category", async () => {
    const band = 3200;
    const coding = await postTask(poster, { budget_credits: band, category_id: 1 });
    const writing = await postTask(poster, { budget_credits: band, category_id: 2 });
    await postTask(poster, { budget_credits: band });
    const range = `min_budget=${band}&max_budget=${band}`;
    const listed = await expectStatus<Summary[]>(200, "GET", `/api/v1/tasks?category=1&${range}`, worker);
    expect(listed.map((t) => t.id)).toEqual([coding.id]);
    expect(listed[0]?.category).toEqual({ id: 1, name: "Coding", slug: "coding" });
    const other = await expectStatus<Summary[]>(200, "GET", `/api/v1/tasks?category=2&${range}`, worker);
    expect(other.map((t) => t.id)).toEqual([writing.id]);
    const all = await expectStatus<Summary[]>(200, "GET", `/api/v1/tasks?${range}`, worker);
    expect(all).toHaveLength(3);
  });

  it("refuses an unknown category filter with 400 INVALID_PARAMETER", async () => {
    await expectErrorCall(400, "INVALID_PARAMETER", "category 999 does not exist", "GET", "/api/v1/tasks?category=999", worker);
  });

  it("treats min_budget and max_budget as inclusive bounds", async () => {
    const budgets = [3300, 3301, 3302, 3303];
    const ids = new Map<number, number>();
    for (const b of budgets) ids.set(b, (await postTask(poster, { budget_credits: b })).id);
    const listed = await expectStatus<Summary[]>(200, "GET", "/api/v1/tasks?min_budget=3301&max_budget=3302&sort=budget_low", worker);
    expect(listed.map((t) => t.budget_credits)).toEqual([3301, 3302]);
    expect(listed.map((t) => t.id)).toEqual([ids.get(3301), ids.get(3302)]);
    const exact = await expectStatus<Summary[]>(200, "GET", "/api/v1/tasks?min_budget=3303&max_budget=3303", worker);
    expect(exact.map((t) => t.id)).toEqual([ids.get(3303)]);
    const onlyMin = await expectStatus<Summary[]>(200, "GET", "/api/v1/tasks?min_budget=3303", worker);
    expect(onlyMin.map((t) => t.id)).toContain(ids.get(3303));
    expect(onlyMin.every((t) => t.budget_credits >= 3303)).toBe(true);
    const onlyMax = await expectStatus<Summary[]>(200, "GET", "/api/v1/tasks?max_budget=3300&limit=100", worker);
    expect(onlyMax.map((t) => t.id)).toContain(ids.get(3300));
    expect(onlyMax.every((t) => t.budget_credits <= 3300)).toBe(true);
  });

  it("refuses min_budget greater than max_budget with 400 INVALID_PARAMETER", async () => {
    const error = await expectErrorCall(
      400,
      "INVALID_PARAMETER",
      "min_budget (500) is greater than max_budget (100)",
      "GET",
      "/api/v1/tasks?min_budget=500&max_budget=100",
      worker,
    );
    expect(error.details).toEqual({ parameter: "min_budget" });
  });

  it("refuses a non-numeric budget filter with 400 INVALID_PARAMETER", async () => {
    await expectErrorCall(400, "INVALID_PARAMETER", "min_budget must be a number", "GET", "/api/v1/tasks?min_budget=lots", worker);
  });

  it("returns list metadata with the envelope", async () => {
    const result = await call<Summary[]>("GET", "/api/v1/tasks?limit=1", worker);
    expect(result.status).toBe(200);
    expect(result.body.ok).toBe(true);
    expect(result.body.meta).toMatchObject({ count: 1, has_more: true });
    expect(typeof result.body.meta.cursor).toBe("string");
    expect(result.body.meta.timestamp).toMatch(/Z$/);
    expect(Object.keys(result.body.data[0] ?? {}).sort()).toEqual(
      [
        "id",
        "title",
        "description",
        "budget_credits",
        "category",
        "status",
        "poster",
        "claims_count",
        "deadline",
        "max_revisions",
        "created_at",
      ].sort(),
    );
  });
});

describe("GET /api/v1/tasks sorting and cursor pagination", () => {
  // 25 tasks in the 3400..3404 band: five budgets, five tasks each, so budget sorts have ties.
  const band = { min: 3400, max: 3404 };
  const range = `min_budget=${band.min}&max_budget=${band.max}`;
  let made: { id: number; budget: number }[] = [];

  beforeAll(async () => {
    made = [];
    for (let i = 0; i < 25; i++) {
      const budget = band.min + ((i * 3) % 5);
      const task = await postTask(poster, { budget_credits: budget });
      made.push({ id: task.id, budget });
    }
  });

  const orders: Record<string, (a: { id: number; budget: number }, b: { id: number; budget: number }) => number> = {
    newest: (a, b) => b.id - a.id,
    oldest: (a, b) => a.id - b.id,
    budget_high: (a, b) => b.budget - a.budget || b.id - a.id,
    budget_low: (a, b) => a.budget - b.budget || a.id - b.id,
  };

  it.each(Object.keys(orders))("walks every page of sort=%s and sees each task once, in order, ties broken by id", async (sort) => {
    const expected = [...made].sort(orders[sort]).map((t) => t.id);
    const { items, pages } = await walkPages<Summary>(`/api/v1/tasks?sort=${sort}&limit=4&${range}`, worker);
    const ids = items.map((t) => t.id);
    expect(pages).toBe(7);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected);
  });

  it("pages exactly when the last page is full (no empty trailing page)", async () => {
    const { items, pages } = await walkPages<Summary>(`/api/v1/tasks?sort=oldest&limit=5&${range}`, worker);
    expect(items).toHaveLength(25);
    expect(pages).toBe(5);
  });

  it("defaults to newest first", async () => {
    const page = await expectStatus<Summary[]>(200, "GET", `/api/v1/tasks?limit=3&${range}`, worker);
    expect(page.map((t) => t.id)).toEqual([...made].sort(orders.newest).slice(0, 3).map((t) => t.id));
  });

  it("refuses an unknown sort with 400 INVALID_PARAMETER and lists the valid values", async () => {
    const error = await expectErrorCall(
      400,
      "INVALID_PARAMETER",
      "sort must be one of: newest, oldest, budget_high, budget_low",
      "GET",
      "/api/v1/tasks?sort=cheapest",
      worker,
    );
    expect(error.suggestion).toBe("Valid sort values: newest, oldest, budget_high, budget_low");
    expect(error.details).toEqual({ parameter: "sort" });
  });

  it.each([
    ["0", "limit must be ≥ 1"],
    ["101", "limit must be ≤ 100"],
    ["abc", "limit must be a number"],
    ["2.5", /^limit must be/],
  ])("refuses limit=%s with 400 INVALID_PARAMETER", async (limit, message) => {
    const error = await expectErrorCall(400, "INVALID_PARAMETER", message, "GET", `/api/v1/tasks?limit=${limit}`, worker);
    expect(error.details).toEqual({ parameter: "limit" });
  });

  it("accepts limit=1 and limit=100", async () => {
    expect(await expectStatus<Summary[]>(200, "GET", `/api/v1/tasks?limit=1&${range}`, worker)).toHaveLength(1);
    expect(await expectStatus<Summary[]>(200, "GET", `/api/v1/tasks?limit=100&${range}`, worker)).toHaveLength(25);
  });

  it("refuses a cursor issued for another sort with 400 Invalid cursor format", async () => {
    const first = await call<Summary[]>("GET", `/api/v1/tasks?sort=newest&limit=2&${range}`, worker);
    const cursor = first.body.meta.cursor;
    expect(typeof cursor).toBe("string");
    for (const sort of ["oldest", "budget_high", "budget_low"]) {
      const error = await expectErrorCall(
        400,
        "INVALID_PARAMETER",
        "Invalid cursor format",
        "GET",
        `/api/v1/tasks?sort=${sort}&cursor=${encodeURIComponent(cursor ?? "")}&${range}`,
        worker,
      );
      expect(error.suggestion).toBe("Use the cursor value from a previous response, or omit it to start from the beginning");
    }
    // The same cursor still works for the sort it came from.
    await expectStatus(200, "GET", `/api/v1/tasks?sort=newest&cursor=${encodeURIComponent(cursor ?? "")}&${range}`, worker);
  });

  it.each(["garbage", "!!!", "eyJub3QiOiJhIGN1cnNvciJ9", "W10", btoa('["newest",5,5,1]').replace(/=+$/, "")])(
    "refuses the malformed cursor %s with 400 Invalid cursor format",
    async (cursor) => {
      await expectErrorCall(400, "INVALID_PARAMETER", "Invalid cursor format", "GET", `/api/v1/tasks?cursor=${encodeURIComponent(cursor)}`, worker);
    },
  );
});

describe("GET /api/v1/tasks/:id", () => {
  it("returns the detail shape of the contract", async () => {
    const task = await postTask(poster, { requirements: "Be thorough", category_id: 7 });
    const result = await call<TaskView>("GET", `/api/v1/tasks/${task.id}`, worker);
    expect(result.status).toBe(200);
    expect(Object.keys(result.body.data).sort()).toEqual(
      [
        "id",
        "title",
        "description",
        "budget_credits",
        "category",
        "status",
        "poster",
        "claims_count",
        "deadline",
        "max_revisions",
        "created_at",
        "requirements",
        "claimed_by_agent_id",
        "deliverables_count",
        "auto_review_enabled",
        "updated_at",
        "next_actions",
      ].sort(),
    );
    expect(result.body.data).toMatchObject({
      id: task.id,
      requirements: "Be thorough",
      category: { id: 7, name: "General", slug: "general" },
      claimed_by_agent_id: null,
      deliverables_count: 0,
      auto_review_enabled: false,
      poster: { id: poster.id, name: "Poster" },
    });
  });

  it("reflects claims, the claimed agent and deliverables as the task moves", async () => {
    const { task } = await taskInStatus(poster, worker, "delivered");
    const seen = await getTask(poster, task.id);
    expect(seen).toMatchObject({ status: "delivered", claims_count: 1, claimed_by_agent_id: worker.id, deliverables_count: 1 });
    expect(Date.parse(seen.updated_at as string)).toBeGreaterThanOrEqual(Date.parse(seen.created_at as string));
  });

  it("gives the poster, a bidding agent and an agent with a pending claim different next_actions", async () => {
    const task = await postTask(poster, { budget_credits: 150 });
    const base = `/api/v1/tasks/${task.id}`;

    const asPoster = await getTask(poster, task.id);
    expect(asPoster.next_actions.map((a) => [a.action, a.method, a.path])).toEqual([
      ["list_claims", "GET", `${base}/claims`],
      ["accept_claim", "POST", `${base}/claims/{claim_id}/accept`],
      ["cancel", "POST", `${base}/cancel`],
    ]);

    const asAgent = await getTask(worker, task.id);
    expect(asAgent.next_actions).toHaveLength(1);
    expect(asAgent.next_actions[0]).toMatchObject({
      action: "claim",
      method: "POST",
      path: `${base}/claims`,
      body: { proposed_credits: 150 },
    });

    const bid = await claim(worker, task.id, 120);
    const withClaim = await getTask(worker, task.id);
    expect(withClaim.next_actions.map((a) => [a.action, a.method, a.path])).toEqual([
      ["withdraw_claim", "POST", `${base}/claims/${bid.id}/withdraw`],
    ]);

    const stranger = await registerPerson("Stranger");
    expect((await getTask(stranger, task.id)).next_actions).toEqual([]);
  });

  it("gives the claimed agent start, deliver and abandon, and the poster rollback and cancel", async () => {
    const { task, claim: bid } = await taskInStatus(poster, worker, "claimed");
    const base = `/api/v1/tasks/${task.id}`;
    const asAgent = await getTask(worker, task.id);
    expect(asAgent.next_actions.map((a) => [a.action, a.method, a.path])).toEqual([
      ["start", "POST", `${base}/start`],
      ["deliver", "POST", `${base}/deliverables`],
      ["abandon", "POST", `${base}/claims/${bid?.id}/withdraw`],
    ]);
    const asPoster = await getTask(poster, task.id);
    expect(asPoster.next_actions.map((a) => a.action)).toEqual(["wait_for_delivery", "rollback", "cancel"]);
    const other = await personWithAgent("Other");
    expect((await getTask(other, task.id)).next_actions).toEqual([]);
  });

  it("gives the poster accept and revision actions on a delivered task", async () => {
    const { task, deliverable } = await taskInStatus(poster, worker, "delivered");
    const path = `/api/v1/tasks/${task.id}/deliverables/${deliverable?.id}`;
    const asPoster = await getTask(poster, task.id);
    expect(asPoster.next_actions.map((a) => [a.action, a.path])).toEqual([
      ["accept_deliverable", `${path}/accept`],
      ["request_revision", `${path}/revision`],
    ]);
    expect((await getTask(worker, task.id)).next_actions.map((a) => a.action)).toEqual(["wait_for_review"]);
  });

  it("answers an unknown task with 404 TASK_NOT_FOUND", async () => {
    const error = await expectErrorCall(404, "TASK_NOT_FOUND", "Task 999999 does not exist", "GET", "/api/v1/tasks/999999", worker);
    expect(error.suggestion).toContain("GET /api/v1/tasks");
  });

  it.each(["0", "-1", "1.5", "abc", "1e3", "01", "+1", "99999999999999999"])(
    "refuses the task id %s with 400 INVALID_PARAMETER",
    async (id) => {
      const error = await expectErrorCall(400, "INVALID_PARAMETER", /^id /, "GET", `/api/v1/tasks/${id}`, worker);
      expect(error.details).toEqual({ parameter: "id" });
    },
  );

  it("is readable by a signed-in person as well as an agent", async () => {
    const task = await postTask(worker, {});
    const person = await registerPerson("Reader");
    expect((await getTask(person, task.id)).id).toBe(task.id);
    expect((await getTask(worker, task.id)).id).toBe(task.id);
  });

  it("is hidden from unauthenticated callers", async () => {
    const task = await postTask(poster, {});
    await expectErrorCall(401, "UNAUTHORIZED", "Missing or invalid Authorization header", "GET", `/api/v1/tasks/${task.id}`, null);
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
