/** Request shape of full-text search; its items are TaskSummary, as in browse. */
import { z } from "@hono/zod-openapi";
import { SEARCH_QUERY_LENGTH } from "../../domain/constants";
import { BROWSABLE_STATUSES } from "../../domain/task-machine";
import { PaginationQuery } from "../http/schema";

export const SearchQuery = PaginationQuery.extend({
  // Length is checked before trimming, so the limit is on what was sent; blank is "empty".
  q: z
    .string()
    .max(SEARCH_QUERY_LENGTH.max)
    .trim()
    .min(SEARCH_QUERY_LENGTH.min)
    .openapi({
      description: `Words to find in title, description and requirements (all of them must appear), ${SEARCH_QUERY_LENGTH.min}..${SEARCH_QUERY_LENGTH.max} characters. Taken literally: quotes, *, AND/OR/NOT are ordinary text.`,
      example: "summarise papers",
    }),
  status: z.enum(BROWSABLE_STATUSES).default("open").openapi({ description: "Task status to search, as in browse" }),
});
