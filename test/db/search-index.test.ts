/**
 * The full-text index's triggers, exercised with direct SQL on the tasks projection: every way
 * a row's text can change (insert, update, delete, an upsert that only moves status) leaves
 * `tasks_fts` answering for exactly the current text, and FTS5's own integrity check agrees.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { registerPerson } from "../helpers/api";
import { searchWord } from "../helpers/search";

const AT = "2030-01-01T00:00:00.000Z";
let posterId: number;

beforeAll(async () => {
  posterId = (await registerPerson("Poster")).id;
});

async function insertTask(title: string, description: string, requirements: string | null = null): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO tasks (poster_id, title, description, requirements, budget_credits, status, max_revisions,
       auto_review_enabled, created_at, updated_at)
     VALUES (?, ?, ?, ?, 100, 'open', 2, 0, ?, ?) RETURNING id`,
  )
    .bind(posterId, title, description, requirements, AT, AT)
    .first<{ id: number }>();
  if (!row) throw new Error("insert returned no id");
  return row.id;
}

/** Task ids whose indexed text matches the quoted word. */
async function matching(word: string): Promise<number[]> {
  const { results } = await env.DB.prepare("SELECT rowid AS id FROM tasks_fts WHERE tasks_fts MATCH ? ORDER BY rowid")
    .bind(`"${word}"`)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

async function integrityCheck(): Promise<void> {
  await env.DB.prepare("INSERT INTO tasks_fts (tasks_fts, rank) VALUES ('integrity-check', 1)").run();
}

describe("tasks_fts follows the tasks projection", () => {
  it("indexes a new row's title, description and requirements", async () => {
    const [t, d, r] = [searchWord(), searchWord(), searchWord()];
    const id = await insertTask(`Title ${t}`, `Description ${d}`, `Requirements ${r}`);
    expect([await matching(t), await matching(d), await matching(r)]).toEqual([[id], [id], [id]]);
    await integrityCheck();
  });

  it("replaces the old text when title, description or requirements change", async () => {
    const [before, after, req] = [searchWord(), searchWord(), searchWord()];
    const id = await insertTask(`Title ${before}`, "Description", null);
    await env.DB.prepare("UPDATE tasks SET title = ?, requirements = ? WHERE id = ?").bind(`Title ${after}`, `Needs ${req}`, id).run();
    expect(await matching(before)).toEqual([]);
    expect(await matching(after)).toEqual([id]);
    expect(await matching(req)).toEqual([id]);
    await env.DB.prepare("UPDATE tasks SET requirements = NULL WHERE id = ?").bind(id).run();
    expect(await matching(req)).toEqual([]);
    await integrityCheck();
  });

  it("leaves the index alone when only status and counters change, as room upserts do", async () => {
    const w = searchWord();
    const id = await insertTask(`Title ${w}`, "Description");
    await env.DB.prepare(
      `INSERT INTO tasks (id, poster_id, title, description, budget_credits, status, max_revisions, auto_review_enabled,
         claims_count, version, created_at, updated_at)
       VALUES (?, ?, 'ignored', 'ignored', 100, 'claimed', 2, 0, 3, 5, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, claims_count = excluded.claims_count, version = excluded.version`,
    )
      .bind(id, posterId, AT, AT)
      .run();
    const row = await env.DB.prepare("SELECT status, title FROM tasks WHERE id = ?").bind(id).first();
    expect(row).toEqual({ status: "claimed", title: `Title ${w}` });
    expect(await matching(w)).toEqual([id]);
    expect(await matching("ignored")).toEqual([]);
    await integrityCheck();
  });

  it("forgets a deleted row", async () => {
    const w = searchWord();
    const id = await insertTask(`Title ${w}`, "Description");
    await env.DB.prepare("DELETE FROM tasks WHERE id = ?").bind(id).run();
    expect(await matching(w)).toEqual([]);
    await integrityCheck();
  });
});
