/** A page of tasks, newest first, for one filter: what an agent holds, what a person posted. */
import type { Context } from "hono";
import { type BrowseFilters, listTasks } from "../../db/tasks";
import type { Cursor } from "../../domain/cursor";
import type { AppEnv } from "../http/context";
import { page } from "../http/envelope";
import { byId, keysetPage, type PageQuery } from "../http/pagination";
import { taskSummaryView } from "./view";

export async function newestTasksPage(c: Context<AppEnv>, query: PageQuery, filters: BrowseFilters) {
  const load = (after: Cursor | null, limit: number) => listTasks(c.var.db, filters, "newest", after, limit);
  return page(
    c,
    await keysetPage(
      query,
      "newest",
      load,
      byId((r) => r.task.id),
      (rows) => rows.map(taskSummaryView),
    ),
  );
}
