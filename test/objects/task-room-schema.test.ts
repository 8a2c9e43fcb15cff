// A new room creates the latest schema at once; an old one replays the steps it lacks. Both must
// arrive at the same tables, columns and indexes, or a room's shape would depend on its age.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { migrate } from "../../src/objects/task-room/schema";

type Row = Record<string, SqlStorageValue>;

/** Every table's columns and every index, in a comparable form. */
function shapeOf(sql: SqlStorage) {
  const tables = sql
    .exec<Row>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name`)
    .toArray()
    .map((t) => String(t.name));
  return {
    tables: Object.fromEntries(
      tables.map((name) => [
        name,
        sql.exec<Row>(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`, name).toArray(),
      ]),
    ),
    indexes: sql
      .exec<Row>(`SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .toArray(),
    version: sql.exec<Row>(`SELECT max(version) AS v FROM schema_version`).one().v,
  };
}

/** A blank object's storage, shaped by `shape`, then described. */
function shapedBy(name: string, shape: (sql: SqlStorage) => void) {
  return runInDurableObject(env.TASK_ROOM.getByName(name), (_room, state) => {
    shape(state.storage.sql);
    return shapeOf(state.storage.sql);
  });
}

describe("a room's schema", () => {
  it("is the same whether created at once or step by step", async () => {
    const atOnce = await shapedBy("schema-at-once", (sql) => migrate(sql, false));
    const stepByStep = await shapedBy("schema-step-by-step", (sql) => {
      sql.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL)`);
      migrate(sql, true);
    });
    expect(Object.keys(atOnce.tables)).toContain("payments");
    expect(atOnce).toEqual(stepByStep);
  });

  it("resumes a room that had two followers where both had got to, and from the start when one never ran", async () => {
    const cursorsAfterUpgrade = (name: string, before: [string, number][]) =>
      runInDurableObject(env.TASK_ROOM.getByName(name), (_room, state) => {
        const sql = state.storage.sql;
        migrate(sql, false);
        // As a room of the previous release: version 6, a cursor for D1 and one for the queue.
        sql.exec(`DELETE FROM schema_version`);
        sql.exec(`INSERT INTO schema_version (version) VALUES (6)`);
        for (const [cursor, seq] of before) sql.exec(`INSERT INTO cursors (name, seq) VALUES (?, ?)`, cursor, seq);
        migrate(sql, true);
        return sql.exec<Row>(`SELECT name, seq FROM cursors ORDER BY name`).toArray();
      });
    expect(
      await cursorsAfterUpgrade("cursors-both", [
        ["d1", 5],
        ["queue", 3],
      ]),
    ).toEqual([{ name: "outbox", seq: 3 }]);
    expect(await cursorsAfterUpgrade("cursors-one", [["d1", 5]])).toEqual([{ name: "outbox", seq: 0 }]);
  });
});
