/** The drizzle handle over D1, and the one way to run several statements as a transaction. */
import type { BatchItem } from "drizzle-orm/batch";
import { drizzle } from "drizzle-orm/d1";

export type Database = ReturnType<typeof drizzle>;
export type Statement = BatchItem<"sqlite">;

// One handle per D1 binding for the isolate's lifetime: building one is not free, and every
// request and projection needs it. (We use the query builder only, so no schema is passed.)
const handles = new WeakMap<D1Database, Database>();

export function database(d1: D1Database): Database {
  let db = handles.get(d1);
  if (!db) {
    db = drizzle(d1);
    handles.set(d1, db);
  }
  return db;
}

/** D1 has no interactive transactions; a batch commits all its statements or none. */
export async function runBatch(db: Database, statements: readonly Statement[]): Promise<void> {
  const [first, ...rest] = statements;
  if (!first) return;
  await db.batch([first, ...rest]);
}
