/**
 * Reads of the task projection: browse with filters and keyset pagination, one task with its
 * poster and category, and the tasks an agent holds. Writes come only from TaskRooms (and the
 * first insert on creation).
 */
import { and, asc, desc, eq, gt, gte, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { Cursor } from "../domain/cursor";
import type { TaskRecord } from "../domain/task";
import type { TaskStatus } from "../domain/task-machine";
import { allCategories } from "./categories";
import type { Database } from "./client";
import { categories, tasks, users } from "./schema";

export type TaskSort = "newest" | "oldest" | "budget_high" | "budget_low" | "priority";

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

export type TaskListRow = Awaited<ReturnType<typeof listTasks>>[number];

// Browse is prepared once per database handle and filter shape, so a request binds values
// instead of rebuilding SQL with the query builder every time.
const browseStatements = new WeakMap<Database, Map<string, ReturnType<typeof prepareBrowse>>>();

/** Which filters a browse uses: one prepared statement per combination. */
interface BrowseShape {
  sort: TaskSort;
  status: boolean;
  category: boolean;
  minBudget: boolean;
  maxBudget: boolean;
  poster: boolean;
  claimedBy: boolean;
  after: boolean;
}

function prepareBrowse(db: Database, shape: BrowseShape) {
  const p = sql.placeholder;
  const conditions: (SQL | undefined)[] = [
    shape.status ? eq(tasks.status, p("status")) : undefined,
    shape.category ? eq(tasks.categoryId, p("categoryId")) : undefined,
    shape.minBudget ? gte(tasks.budgetCredits, p("minBudget")) : undefined,
    shape.maxBudget ? lte(tasks.budgetCredits, p("maxBudget")) : undefined,
    shape.poster ? eq(tasks.posterId, p("posterId")) : undefined,
    shape.claimedBy ? eq(tasks.claimedByAgentId, p("claimedBy")) : undefined,
    shape.after ? seek(shape.sort) : undefined,
  ];
  return withPosterAndCategory(db)
    .where(and(...conditions))
    .orderBy(...ordering(shape.sort))
    .limit(p("limit"))
    .prepare();
}

/** One page (plus one row, to tell whether more follow) in the requested order. */
export function listTasks(db: Database, filters: BrowseFilters, sort: TaskSort, after: Cursor | null, limit: number) {
  const shape: BrowseShape = {
    sort,
    status: filters.status !== undefined,
    category: filters.categoryId !== undefined,
    minBudget: filters.minBudget !== undefined,
    maxBudget: filters.maxBudget !== undefined,
    poster: filters.posterId !== undefined,
    claimedBy: filters.claimedByAgentId !== undefined,
    after: after !== null,
  };
  const key = JSON.stringify(shape);
  let statements = browseStatements.get(db);
  if (!statements) {
    statements = new Map();
    browseStatements.set(db, statements);
  }
  let statement = statements.get(key);
  if (!statement) {
    statement = prepareBrowse(db, shape);
    statements.set(key, statement);
  }
  return statement.all({
    status: filters.status,
    categoryId: filters.categoryId,
    minBudget: filters.minBudget,
    maxBudget: filters.maxBudget,
    posterId: filters.posterId,
    claimedBy: filters.claimedByAgentId,
    afterId: after?.id,
    afterValue: after === null ? undefined : Number(after.value),
    limit: limit + 1,
  });
}

/** The sort value a cursor records for a task under `sort`. */
export function sortValue(sort: TaskSort, task: { id: number; budgetCredits: number; priority: number }): number {
  if (sort === "priority") return task.priority;
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
    case "priority":
      return [desc(tasks.priority), desc(tasks.id)];
  }
}

/** Rows strictly after the cursor's (value, id) in `sort` order, with the cursor as placeholders. */
function seek(sort: TaskSort): SQL | undefined {
  const value = sql.placeholder("afterValue");
  const id = sql.placeholder("afterId");
  switch (sort) {
    case "newest":
      return lt(tasks.id, id);
    case "oldest":
      return gt(tasks.id, id);
    case "budget_high":
      return or(lt(tasks.budgetCredits, value), and(eq(tasks.budgetCredits, value), lt(tasks.id, id)));
    case "budget_low":
      return or(gt(tasks.budgetCredits, value), and(eq(tasks.budgetCredits, value), gt(tasks.id, id)));
    case "priority":
      return or(lt(tasks.priority, value), and(eq(tasks.priority, value), lt(tasks.id, id)));
  }
}

/** What the reviewer reads of a task: what was asked. */
export function taskBrief(db: Database, id: number) {
  return db
    .select({ title: tasks.title, description: tasks.description, requirements: tasks.requirements })
    .from(tasks)
    .where(eq(tasks.id, id))
    .get();
}

/** A room's task record as a list row (the room, not D1, holds the latest state of one task). */
export async function taskListRowOf(db: Database, task: TaskRecord): Promise<TaskListRow> {
  const [poster, categoryList] = await Promise.all([
    db.select({ name: users.name }).from(users).where(eq(users.id, task.posterId)).get(),
    allCategories(db),
  ]);
  const category = categoryList.find((c) => c.id === task.categoryId);
  const { postedByAgentId: _agent, review: _review, heartbeat: _heartbeat, ...row } = task;
  return {
    task: { ...row, version: 0 },
    posterName: poster?.name ?? "",
    category: category ? { id: category.id, name: category.name, slug: category.slug } : null,
  };
}
