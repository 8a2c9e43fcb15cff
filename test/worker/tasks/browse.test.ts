import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, call, expectStatus, type Person, posterAndAgents, postTask, type TaskSummary as Summary } from "../../helpers/api";
import { expectErrorCall, type LifecycleStatus, taskInStatus, walkPages } from "../../helpers/flows";

let poster: Person, worker: Agent;
beforeAll(async () => {
  [poster, worker] = await posterAndAgents("Worker");
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
        "priority",
        "created_at",
      ].sort(),
    );
  });
});

describe("GET /api/v1/tasks sorting and cursor pagination", () => {
  // 25 tasks in the 3400..3404 band: five budgets, five tasks each, so budget sorts have ties.
  const band = { min: 3400, max: 3404 };
  const range = `min_budget=${band.min}&max_budget=${band.max}`;
  let made: { id: number; budget: number; priority: number }[] = [];

  beforeAll(async () => {
    made = [];
    for (let i = 0; i < 25; i++) {
      const budget = band.min + ((i * 3) % 5);
      const priority = 1 + ((i * 2) % 5);
      const task = await postTask(poster, { budget_credits: budget, priority });
      made.push({ id: task.id, budget, priority });
    }
  });

  type Made = { id: number; budget: number; priority: number };
  const orders: Record<string, (a: Made, b: Made) => number> = {
    newest: (a, b) => b.id - a.id,
    oldest: (a, b) => a.id - b.id,
    budget_high: (a, b) => b.budget - a.budget || b.id - a.id,
    budget_low: (a, b) => a.budget - b.budget || a.id - b.id,
    priority: (a, b) => b.priority - a.priority || b.id - a.id,
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
    expect(page.map((t) => t.id)).toEqual(
      [...made]
        .sort(orders.newest)
        .slice(0, 3)
        .map((t) => t.id),
    );
  });

  it("refuses an unknown sort with 400 INVALID_PARAMETER and lists the valid values", async () => {
    const error = await expectErrorCall(
      400,
      "INVALID_PARAMETER",
      "sort must be one of: newest, oldest, budget_high, budget_low, priority",
      "GET",
      "/api/v1/tasks?sort=cheapest",
      worker,
    );
    expect(error.suggestion).toBe("Valid sort values: newest, oldest, budget_high, budget_low, priority");
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
    for (const sort of ["oldest", "budget_high", "budget_low", "priority"]) {
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
      await expectErrorCall(
        400,
        "INVALID_PARAMETER",
        "Invalid cursor format",
        "GET",
        `/api/v1/tasks?cursor=${encodeURIComponent(cursor)}`,
        worker,
      );
    },
  );
});
