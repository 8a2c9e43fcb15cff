import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, call, expectStatus, type Person, posterAndAgents, postTask, type TaskSummary } from "../../helpers/api";
import { expectErrorCall, taskInStatus, walkPages } from "../../helpers/flows";
import { search, searchPath, searchWord } from "../../helpers/search";

const LONG = "A task description long enough to pass validation";

let poster: Person, worker: Agent;
beforeAll(async () => {
  [poster, worker] = await posterAndAgents("Worker");
  // Some unrelated tasks, so every test word is rare in the index, as real words are.
  for (let i = 0; i < 6; i++) await postTask(poster);
});

const ids = (tasks: TaskSummary[]) => tasks.map((t) => t.id);

describe("GET /api/v1/tasks/search ranking", () => {
  it("ranks a title match above a description-only match, even an older one above a newer", async () => {
    const w = searchWord();
    const inTitle = await postTask(poster, { title: `Fix the ${w} module`, description: `${LONG}.` });
    const inDescription = await postTask(poster, { title: "Plain title here", description: `${LONG}, mentioning ${w} once.` });
    // Equal relevance would list the newer first; relevance must win over age.
    expect(inDescription.id).toBeGreaterThan(inTitle.id);
    expect(ids(await search(worker, w))).toEqual([inTitle.id, inDescription.id]);
  });

  it("breaks ties in relevance by newest first", async () => {
    const w = searchWord();
    const fields = { title: `Twin ${w} task`, description: `${LONG}.` };
    const first = await postTask(poster, fields);
    const second = await postTask(poster, fields);
    expect(ids(await search(worker, w))).toEqual([second.id, first.id]);
  });

  it("answers browse's item shape with list metadata", async () => {
    const w = searchWord();
    const task = await postTask(poster, { title: `Shape ${w} check`, category_id: 1 });
    const result = await call<TaskSummary[]>("GET", searchPath(w), worker);
    expect(result.status).toBe(200);
    expect(result.body.meta).toMatchObject({ count: 1, has_more: false, cursor: null });
    const browsed = await expectStatus<TaskSummary[]>(200, "GET", `/api/v1/tasks?category=1&limit=100`, worker);
    expect(result.body.data).toEqual([browsed.find((t) => t.id === task.id)]);
  });

  it("searches requirements as well as title and description", async () => {
    const w = searchWord();
    const task = await postTask(poster, { requirements: `Must use ${w} throughout.` });
    expect(ids(await search(worker, w))).toEqual([task.id]);
  });

  it("requires every word, in any column and any order, and matches case-insensitively", async () => {
    const [a, b] = [searchWord(), searchWord()];
    const onlyA = await postTask(poster, { title: `Only ${a} here` });
    const both = await postTask(poster, { title: `Has ${b} in title`, description: `${LONG}, and ${a} here.` });
    await postTask(poster, { title: `Only ${b} here` });
    expect(ids(await search(worker, `${a} ${b}`))).toEqual([both.id]);
    expect(ids(await search(worker, `${b.toUpperCase()}   ${a}`))).toEqual([both.id]);
    expect(ids(await search(worker, a)).sort()).toEqual([onlyA.id, both.id].sort());
  });

  it("stems English words and folds diacritics", async () => {
    const w = searchWord();
    const task = await postTask(poster, { title: `Summarising ${w} papers`, description: `${LONG}, at the café.` });
    expect(ids(await search(worker, `${w} paper`))).toEqual([task.id]);
    expect(ids(await search(worker, `${w} cafe`))).toEqual([task.id]);
  });

  it("is open to a signed-in person and refuses an anonymous caller", async () => {
    const w = searchWord();
    const task = await postTask(poster, { title: `People ${w} search` });
    expect(ids(await search(poster, w))).toEqual([task.id]);
    await expectErrorCall(401, "UNAUTHORIZED", undefined, "GET", searchPath(w), null);
  });
});

describe("GET /api/v1/tasks/search pagination", () => {
  it("walks every match exactly once, in the same order as one big page", async () => {
    const w = searchWord();
    const made: number[] = [];
    // Varied relevance, with ties: two identical titles, and repeats in descriptions.
    for (const title of [`${w} alpha`, `${w} alpha`, "Plain one", "Plain two", `${w} ${w} gamma`]) {
      made.push((await postTask(poster, { title, description: `${LONG} about ${w}.` })).id);
    }
    for (let i = 0; i < 4; i++) {
      made.push((await postTask(poster, { description: `${LONG} ${`${w} `.repeat(i + 1)}.` })).id);
    }
    const whole = await search(worker, w, { limit: "100" });
    expect(ids(whole).sort()).toEqual([...made].sort());
    for (const limit of ["1", "2", "4"]) {
      const walked = await walkPages<TaskSummary>(searchPath(w, { limit }), worker);
      expect(ids(walked.items)).toEqual(ids(whole));
      expect(walked.pages).toBe(Math.ceil(made.length / Number(limit)));
    }
  });

  it("refuses a cursor from another query, another status or another list with 400", async () => {
    const [a, b] = [searchWord(), searchWord()];
    for (let i = 0; i < 2; i++) await postTask(poster, { title: `Cursor ${a} ${b} ${i}` });
    const first = await call<TaskSummary[]>("GET", searchPath(a, { limit: "1" }), worker);
    const cursor = first.body.meta.cursor ?? "";
    expect(cursor).not.toBe("");
    expect(ids(await search(worker, a, { limit: "1", cursor }))).toHaveLength(1);
    for (const path of [
      searchPath(b, { limit: "1", cursor }),
      searchPath(a, { limit: "1", cursor, status: "claimed" }),
      `/api/v1/tasks?cursor=${encodeURIComponent(cursor)}`,
    ]) {
      await expectErrorCall(400, "INVALID_PARAMETER", "Invalid cursor format", "GET", path, worker);
    }
    const browseCursor = (await call<TaskSummary[]>("GET", "/api/v1/tasks?limit=1", worker)).body.meta.cursor ?? "";
    await expectErrorCall(400, "INVALID_PARAMETER", "Invalid cursor format", "GET", searchPath(a, { cursor: browseCursor }), worker);
    await expectErrorCall(400, "INVALID_PARAMETER", "Invalid cursor format", "GET", searchPath(a, { cursor: "bm90LWEtY3Vyc29y" }), worker);
  });
});

describe("GET /api/v1/tasks/search and the task lifecycle", () => {
  it("searches open tasks by default and each browsable status on request", async () => {
    const w = searchWord();
    const made = new Map<string, number>();
    for (const status of ["open", "claimed", "in_progress", "delivered", "completed", "cancelled", "disputed"] as const) {
      made.set(status, (await taskInStatus(poster, worker, status, { title: `Lifecycle ${w} ${status}` })).task.id);
    }
    expect(ids(await search(worker, w))).toEqual([made.get("open")]);
    for (const status of ["open", "claimed", "in_progress", "delivered", "completed"]) {
      const found = await search(worker, w, { status });
      expect(found.map((t) => [t.id, t.status])).toEqual([[made.get(status), status]]);
    }
    for (const status of ["cancelled", "disputed"]) {
      await expectErrorCall(
        400,
        "INVALID_PARAMETER",
        "status must be one of: open, claimed, in_progress, delivered, completed",
        "GET",
        searchPath(w, { status }),
        worker,
      );
    }
  });

  it("follows a task as it is claimed, rolled back and cancelled", async () => {
    const w = searchWord();
    const { task } = await taskInStatus(poster, worker, "claimed", { title: `Moving ${w} task` });
    expect(await search(worker, w)).toEqual([]);
    expect(ids(await search(worker, w, { status: "claimed" }))).toEqual([task.id]);

    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/rollback`, poster);
    const reopened = await search(worker, w);
    expect(reopened.map((t) => [t.id, t.status])).toEqual([[task.id, "open"]]);
    expect(reopened[0]?.claims_count).toBe(1);

    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/cancel`, poster);
    expect(await search(worker, w)).toEqual([]);
    expect(await search(worker, w, { status: "claimed" })).toEqual([]);
  });

  it("keeps the index consistent with the projection", async () => {
    // FTS5's own check compares the index with the external content table, row by row.
    await env.DB.prepare("INSERT INTO tasks_fts (tasks_fts, rank) VALUES ('integrity-check', 1)").run();
  });
});
