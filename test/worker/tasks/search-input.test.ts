import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, call, type Person, posterAndAgents, postTask, type TaskSummary } from "../../helpers/api";
import { expectError, expectErrorCall } from "../../helpers/flows";
import { search, searchPath, searchWord } from "../../helpers/search";

let poster: Person, worker: Agent;
beforeAll(async () => {
  [poster, worker] = await posterAndAgents("Worker");
  // Tasks whose text holds the words and symbols the injection table types, so a query that
  // FTS5 misread as syntax would have something to find.
  await postTask(poster, { title: "NEAR a b title x", description: 'a OR b, NOT a, a AND b: quoted "text" with * and ^ marks.' });
  await postTask(poster, { title: "DROP TABLE tasks", description: "'; DROP TABLE tasks; -- is an old joke about SQL injection." });
});

describe("GET /api/v1/tasks/search q validation", () => {
  it("refuses a missing q with 400 INVALID_PARAMETER", async () => {
    await expectErrorCall(400, "INVALID_PARAMETER", "q is required", "GET", "/api/v1/tasks/search", worker);
  });

  it.each(["", "   ", "%20%09"])("refuses an empty or blank q (%j) with 400", async (raw) => {
    await expectErrorCall(400, "INVALID_PARAMETER", "q must be at least 1 character", "GET", `/api/v1/tasks/search?q=${raw}`, worker);
  });

  it("accepts 200 characters and refuses 201 with 400", async () => {
    const w = searchWord();
    const task = await postTask(poster, { title: `Bounded ${w} query` });
    const padded = `${w} ${"x".repeat(199 - w.length)}`;
    expect(padded).toHaveLength(200);
    expect(await search(worker, `${w}${" ".repeat(200 - w.length)}`)).toEqual([expect.objectContaining({ id: task.id })]);
    expect(await search(worker, padded)).toEqual([]);
    const error = await expectErrorCall(
      400,
      "INVALID_PARAMETER",
      "q must be at most 200 characters",
      "GET",
      searchPath(`${padded}y`),
      worker,
    );
    expect(error.details).toEqual({ parameter: "q" });
  });

  it.each(['"', "*", "()", "🚀🚀", "-- ;"])("refuses %j, which has no words, with 400 naming q", async (q) => {
    const error = await expectErrorCall(400, "INVALID_PARAMETER", /^q has no words to search for/, "GET", searchPath(q), worker);
    expect(error.suggestion).toContain("/api/v1/tasks/search?q=");
  });

  it.each([
    ["limit=0", "limit must be ≥ 1"],
    ["limit=101", "limit must be ≤ 100"],
    ["status=bogus", "status must be one of: open, claimed, in_progress, delivered, completed"],
  ])("refuses %s with 400 INVALID_PARAMETER", async (param, message) => {
    await expectErrorCall(400, "INVALID_PARAMETER", message, "GET", `${searchPath("word")}&${param}`, worker);
  });
});

describe("GET /api/v1/tasks/search takes FTS5 syntax literally", () => {
  const INJECTIONS = [
    '"',
    '""',
    '"unbalanced',
    "*",
    "a*",
    "NEAR(a b)",
    "NEAR(a b, 0)",
    "title:x",
    "{title}: x",
    "a OR b",
    "NOT a",
    "(a",
    "a)",
    "^a",
    "-a",
    "a AND",
    "AND",
    "'; DROP TABLE tasks; --",
    "a + b",
    "\u0000",
    "a\u0000b",
    "🚀",
    "rocket🚀 launch",
    "x".repeat(200),
    "ŝƒ̂ 漢字 \u202e",
  ];

  it.each(INJECTIONS)("answers %j with 200 or a clean 400, never a 500", async (q) => {
    const result = await call<TaskSummary[]>("GET", searchPath(q), worker);
    if (result.status === 400) {
      expectError(result, 400, "INVALID_PARAMETER");
      return;
    }
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(Array.isArray(result.body.data)).toBe(true);
  });

  it("leaves the tasks table in place after the SQL-injection string", async () => {
    await search(worker, "'; DROP TABLE tasks; --");
    const found = await search(worker, "DROP TABLE tasks");
    expect(found.map((t) => t.title)).toContain("DROP TABLE tasks");
  });

  it("treats OR, NOT and NEAR as words that must appear, not operators", async () => {
    const [a, b] = [searchWord(), searchWord()];
    const onlyA = await postTask(poster, { title: `Only ${a} here` });
    // As operators, these would find onlyA; as words, nothing has them all.
    expect(await search(worker, `${a} OR ${b}`)).toEqual([]);
    expect(await search(worker, `NEAR(${a} ${b})`)).toEqual([]);
    expect(await search(worker, `${a} NOT ${b}`)).toEqual([]);
    const withWords = await postTask(poster, { title: `Either ${a} or ${b}` });
    expect((await search(worker, `${a} OR ${b}`)).map((t) => t.id)).toEqual([withWords.id]);
    expect((await search(worker, a)).map((t) => t.id).sort()).toEqual([onlyA.id, withWords.id].sort());
  });

  it("does not treat * as a prefix or a:b as a column filter", async () => {
    const w = searchWord();
    await postTask(poster, { title: `Prefix ${w}extra word` });
    expect(await search(worker, `${w}*`)).toEqual([]);
    // A column filter would also find this one (the word is in its title); the phrase does not.
    await postTask(poster, { title: `Fix ${w} now` });
    const labelled = await postTask(poster, { title: `Label title:${w} here` });
    expect((await search(worker, `title:${w}`)).map((t) => t.id)).toEqual([labelled.id]);
  });

  it("finds words written with quotes around them", async () => {
    const w = searchWord();
    const task = await postTask(poster, { description: `A task description that says "${w}" in quotes.` });
    expect((await search(worker, `"${w}"`)).map((t) => t.id)).toEqual([task.id]);
    expect((await search(worker, `"${w}`)).map((t) => t.id)).toEqual([task.id]);
  });
});
