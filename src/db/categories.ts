/** The seeded task categories. They change only by migration, so each isolate reads them once. */
import { asc } from "drizzle-orm";
import type { Database } from "./client";
import { categories } from "./schema";

export type Category = typeof categories.$inferSelect;

// The rows, once read: never the query in flight, which belongs to the request that made it.
let cached: Category[] | null = null;

export async function allCategories(db: Database): Promise<Category[]> {
  cached ??= await db.select().from(categories).orderBy(asc(categories.sortOrder)).all();
  return cached;
}

export async function categoryExists(db: Database, id: number): Promise<boolean> {
  return (await allCategories(db)).some((c) => c.id === id);
}

/** The first of `ids` that names no category, or null when all exist. */
export async function unknownCategory(db: Database, ids: readonly number[]): Promise<number | null> {
  const known = new Set((await allCategories(db)).map((c) => c.id));
  return ids.find((id) => !known.has(id)) ?? null;
}
