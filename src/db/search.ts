/**
 * Full-text search over the tasks projection, through the FTS5 index `tasks_fts` that SQL
 * triggers keep in step with `tasks` (migrations/0002_tasks_search.sql). The index holds only
 * text; status and everything shown come from `tasks`, so a task's status change is visible to
 * search as soon as its room has projected it.
 */
import { and, asc, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import type { TaskStatus } from "../domain/task-machine";
import type { Database } from "./client";
import { categories, tasks, users } from "./schema";
import { taskListColumns } from "./tasks";

/** drizzle-kit does not model virtual tables; this one is created by the custom migration. */
const tasksFts = sql`${sql.identifier("tasks_fts")}`;

/**
 * bm25 column weights (title, description, requirements): a word in the title says more about
 * a task than the same word in its longer description or requirements.
 */
const SCORE = sql<number>`bm25(${tasksFts}, 5.0, 1.0, 1.0)`;

export interface SearchFilters {
  /** An FTS5 MATCH expression built by `ftsQuery`, never raw user input. */
  expression: string;
  status: TaskStatus;
}

/**
 * One page (plus one row, to tell whether more follow) of tasks matching `expression`, best
 * first: bm25 is lower for better matches; ties go to the newest task. `after` carries the
 * last row's score and id.
 */
export function searchTasks(db: Database, filters: SearchFilters, after: { score: number; id: number } | null, limit: number) {
  const matches = db
    .select({ id: sql<number>`${tasksFts}.rowid`.as("match_id"), score: SCORE.as("score") })
    .from(tasksFts)
    .where(sql`${tasksFts} MATCH ${filters.expression}`)
    .as("matches");
  const seek = after === null ? undefined : or(gt(matches.score, after.score), and(eq(matches.score, after.score), lt(tasks.id, after.id)));
  return db
    .select({ ...taskListColumns, score: matches.score })
    .from(matches)
    .innerJoin(tasks, eq(tasks.id, matches.id))
    .innerJoin(users, eq(users.id, tasks.posterId))
    .leftJoin(categories, eq(categories.id, tasks.categoryId))
    .where(and(eq(tasks.status, filters.status), seek))
    .orderBy(asc(matches.score), desc(tasks.id))
    .limit(limit + 1);
}
