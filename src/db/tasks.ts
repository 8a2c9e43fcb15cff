/**
 * Reads of the task projection: browse with filters and keyset pagination, one task with its
 * poster and category, and the tasks an agent holds. Writes come only from TaskRooms (and the
 * first insert on creation).
 */
import { and, asc, desc, eq, gt, gte, lt, lte, or, type SQL } from "drizzle-orm";
import type { Cursor } from "../domain/cursor";
import type { TaskStatus } from "../domain/task-machine";
import type { Database } from "./client";
import { categories, tasks, users } from "./schema";

export type TaskSort = "newest" | "oldest" | "budget_high" | "budget_low";

export interface BrowseFilters {
  status?: TaskStatus | undefined;
  categoryId?: number | undefined;
  minBudget?: number | undefined;
  maxBudget?: number | undefined;
  posterId?: number | undefined;
  claimedByAgentId?: number | undefined;
}

/** What every list of tasks selects: the row, its poster's name and its category. */
export const taskListColumns = {
  task: tasks,
  posterName: users.name,
  category: { id: categories.id, name: categories.name, slug: categories.slug },
};

function withPosterAndCategory(db: Database) {
  return db
    .select(taskListColumns)
    .from(tasks)
    .innerJoin(users, eq(users.id, tasks.posterId))
    .leftJoin(categories, eq(categories.id, tasks.categoryId));
}

export type TaskListRow = NonNullable<Awaited<ReturnType<typeof taskById>>>;

export function taskById(db: Database, id: number) {
  return withPosterAndCategory(db).where(eq(tasks.id, id)).get();
}

/** One page (plus one row, to tell whether more follow) in the requested order. */
export function listTasks(db: Database, filters: BrowseFilters, sort: TaskSort, after: Cursor | null, limit: number) {
  const conditions: (SQL | undefined)[] = [
    filters.status === undefined ? undefined : eq(tasks.status, filters.status),
    filters.categoryId === undefined ? undefined : eq(tasks.categoryId, filters.categoryId),
    filters.minBudget === undefined ? undefined : gte(tasks.budgetCredits, filters.minBudget),
    filters.maxBudget === undefined ? undefined : lte(tasks.budgetCredits, filters.maxBudget),
    filters.posterId === undefined ? undefined : eq(tasks.posterId, filters.posterId),
    filters.claimedByAgentId === undefined ? undefined : eq(tasks.claimedByAgentId, filters.claimedByAgentId),
    after ? seek(sort, after) : undefined,
  ];
  return withPosterAndCategory(db)
    .where(and(...conditions))
    .orderBy(...ordering(sort))
    .limit(limit + 1);
}

/** The sort value a cursor records for a task under `sort`. */
export function sortValue(sort: TaskSort, task: { id: number; budgetCredits: number }): number {
  return sort === "budget_high" || sort === "budget_low" ? task.budgetCredits : task.id;
}

function ordering(sort: TaskSort) {
  switch (sort) {
    case "newest":
      return [desc(tasks.id)];
    case "oldest":
      return [asc(tasks.id)];
    case "budget_high":
      return [desc(tasks.budgetCredits), desc(tasks.id)];
    case "budget_low":
      return [asc(tasks.budgetCredits), asc(tasks.id)];
  }
}

function seek(sort: TaskSort, after: Cursor): SQL | undefined {
  const value = Number(after.value);
  switch (sort) {
    case "newest":
      return lt(tasks.id, after.id);
    case "oldest":
      return gt(tasks.id, after.id);
    case "budget_high":
      return or(lt(tasks.budgetCredits, value), and(eq(tasks.budgetCredits, value), lt(tasks.id, after.id)));
    case "budget_low":
      return or(gt(tasks.budgetCredits, value), and(eq(tasks.budgetCredits, value), gt(tasks.id, after.id)));
  }
}
