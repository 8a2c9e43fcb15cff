/** The seeded task categories. They change only by migration, so each isolate reads them once. */
import { asc } from "drizzle-orm";
import type { Database } from "./client";
import { categories } from "./schema";

export type Category = typeof categories.$inferSelect;

let cached: Promise<Category[]> | null = null;

export function allCategories(db: Database): Promise<Category[]> {
  cached ??= db
    .select()
    .from(categories)
    .orderBy(asc(categories.sortOrder))
    .all()
    .catch((error: unknown) => {
      cached = null;
      throw error;
    });
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
