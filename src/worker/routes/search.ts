/** Full-text search over tasks, ranked by relevance, in browse's item shape. */
import { createRoute } from "@hono/zod-openapi";
import { searchTasks } from "../../db/search";
import { requestErrors } from "../../domain/error-catalogue";
import { ftsQuery, searchSort } from "../../domain/search-query";
import { page } from "../envelope";
import { cutPage, readCursor } from "../pagination";
import { createRouter } from "../router";
import { AUTHENTICATED, errorResponses, jsonContent, listEnvelope } from "../schemas/common";
import { SearchQuery } from "../schemas/search";
import { TaskSummarySchema } from "../schemas/task";
import { taskSummaryView } from "../views";

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
  const rows = await searchTasks(c.var.db, { expression, status: q.status }, searchCursor(q.cursor, sort), q.limit);
  const cut = cutPage(rows, q.limit, sort, (r) => ({ value: r.score, id: r.task.id }));
  return page(c, { items: cut.items.map(taskSummaryView), next: cut.next });
});

/** Where the previous page ended: its last score and id. */
function searchCursor(raw: string | undefined, sort: string): { score: number; id: number } | null {
  const cursor = readCursor(raw, sort);
  if (cursor === null) return null;
  // A search cursor always records a bm25 score; anything else was not issued here.
  if (typeof cursor.value !== "number") throw requestErrors.invalidCursor();
  return { score: cursor.value, id: cursor.id };
}
