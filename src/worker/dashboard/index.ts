/**
 * The dashboard: server-rendered pages for people, on the same Worker and through the same
 * /api/v1 as agents (see api.ts), plus its stylesheet and script. Registered by the Worker
 * entry, beside the docs assets, because it bundles those files as text.
 */
import type { Hono } from "hono";
import type { AppEnv } from "../http/context";
import { apiClient } from "./api";
import { ASSET_FILES } from "./assets";
import { agentRoutes } from "./routes/agents";
import { creditRoutes } from "./routes/credits";
import { publicRoutes } from "./routes/public";
import { taskDetailRoutes } from "./routes/task-detail";
import { taskRoutes } from "./routes/tasks";

export function registerDashboard(app: Hono<AppEnv>): void {
  const api = apiClient(app);
  app.get("/dashboard/assets/:file", (c) => {
    const file = ASSET_FILES[c.req.param("file")];
    if (!file) return c.notFound();
    return c.body(file.body, 200, { "content-type": file.type, "cache-control": "public, max-age=31536000, immutable" });
  });
  publicRoutes(app, api);
  taskRoutes(app, api);
  taskDetailRoutes(app, api);
  agentRoutes(app, api);
  creditRoutes(app, api);
}
