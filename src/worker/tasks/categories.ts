/** The seeded task categories. */
import { createRoute } from "@hono/zod-openapi";
import { allCategories } from "../../db/categories";
import { ok } from "../http/envelope";
import { createRouter } from "../http/router";
import { AUTHENTICATED, envelope, errorResponses, jsonContent } from "../http/schema";
import { CategorySchema } from "./category-schema";

export const categoryRoutes = createRouter();

const listRoute = createRoute({
  method: "get",
  path: "/categories",
  tags: ["Categories"],
  summary: "List categories",
  description: "The seeded categories (Coding, Writing, Research, Data Processing, Design, Translation, General).",
  security: AUTHENTICATED,
  responses: {
    200: jsonContent(envelope(CategorySchema.array()), "Every category, in display order"),
    ...errorResponses(401, 403, 429),
  },
});

categoryRoutes.openapi(listRoute, async (c) => {
  const rows = await allCategories(c.var.db);
  return ok(
    c,
    rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, description: r.description, icon: r.icon, sort_order: r.sortOrder })),
    200,
  );
});
