/** Liveness: answers without touching storage, so it also measures the Worker's own overhead. */
import { createRoute, z } from "@hono/zod-openapi";
import { ok } from "../envelope";
import { createRouter } from "../router";
import { envelope, jsonContent } from "../schemas/common";

export const healthRoutes = createRouter();

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["Discovery"],
  summary: "Health check",
  responses: {
    200: jsonContent(envelope(z.object({ status: z.literal("ok"), environment: z.string() })), "The Worker is serving"),
  },
});

healthRoutes.openapi(healthRoute, (c) => ok(c, { status: "ok" as const, environment: c.env.ENVIRONMENT }, 200));
