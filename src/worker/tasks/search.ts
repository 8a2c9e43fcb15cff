/** Full-text search over tasks, ranked by relevance, in browse's item shape. */
import { createRoute } from "@hono/zod-openapi";
import { searchTasks } from "../../db/search";
import type { Cursor } from "../../domain/cursor";
import { requestErrors } from "../../domain/error-catalogue";
import { ftsQuery, searchSort } from "../../domain/search-query";
import { page } from "../http/envelope";
import { keysetPage } from "../http/pagination";
import { createRouter } from "../http/router";
import { AUTHENTICATED, errorResponses, jsonContent, listEnvelope } from "../http/schema";
import { TaskSummarySchema } from "./schema";
import { SearchQuery } from "./search-schema";
import { taskSummaryView } from "./view";

export const searchRoutes = createRouter();

const searchRoute = createRoute({
  method: "get",
  path: "/tasks/search",
  tags: ["Tasks"],
  summary: "Search tasks",
  description:
    "Full-text search over title, description and requirements of tasks in one status (default open). Every word must appear; the best matches come first (title matches weigh most), ties newest first.",
  security: AUTHENTICATED,
  request: { query: SearchQuery },
  responses: {
    200: jsonContent(listEnvelope(TaskSummarySchema), "A page of matching tasks, most relevant first"),
    ...errorResponses(400, 401, 403, 429),
  },
});

searchRoutes.openapi(searchRoute, async (c) => {
  const q = c.req.valid("query");
  const expression = ftsQuery(q.q);
  if (expression === null) throw requestErrors.noSearchTerms(q.q);
  const sort = searchSort(expression, q.status);
  const results = await keysetPage(
    q,
    sort,
    (after, limit) => searchTasks(c.var.db, { expression, status: q.status }, scoreCursor(after), limit),
    (r) => ({ value: r.score, id: r.task.id }),
    (rows) => rows.map(taskSummaryView),
  );
  return page(c, results);
});

/** Where the previous page ended: its last score and id. */
function scoreCursor(cursor: Cursor | null): { score: number; id: number } | null {
  if (cursor === null) return null;
  // A search cursor always records a bm25 score; anything else was not issued here.
  if (typeof cursor.value !== "number") throw requestErrors.invalidCursor();
  return { score: cursor.value, id: cursor.id };
}
