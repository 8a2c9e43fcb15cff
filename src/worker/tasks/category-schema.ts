/** The shape of a task category. */
import { z } from "@hono/zod-openapi";

export const CategorySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    icon: z.string(),
    sort_order: z.number().int(),
  })
  .openapi("Category");
