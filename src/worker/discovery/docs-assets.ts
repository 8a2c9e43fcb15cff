/**
 * The Swagger UI script and stylesheet behind GET /docs, served by the Worker from the installed
 * `swagger-ui-dist` package (text modules, see wrangler.toml's [[rules]]) so the reference never
 * loads from a CDN. Registered by the Worker entry rather than createApp, so tools that build
 * the app under Node (npm run skills) need not load these files.
 */

import type { OpenAPIHono } from "@hono/zod-openapi";
import swaggerCss from "swagger-ui-dist/swagger-ui.css";
import swaggerBundle from "swagger-ui-dist/swagger-ui-bundle.js";
import type { AppEnv } from "../http/context";
import { notFound } from "../http/errors";
import { DOCS_ASSETS_BASE } from "./routes";

const FILES: Record<string, { body: string; type: string }> = {
  "swagger-ui-bundle.js": { body: swaggerBundle, type: "text/javascript; charset=utf-8" },
  "swagger-ui.css": { body: swaggerCss, type: "text/css; charset=utf-8" },
};

export function registerDocsAssets(app: OpenAPIHono<AppEnv>): void {
  app.get(`${DOCS_ASSETS_BASE}/swagger-ui-dist/:file`, (c) => {
    const file = FILES[c.req.param("file")];
    if (!file) return notFound(c);
    return c.body(file.body, 200, { "content-type": file.type, "cache-control": "public, max-age=86400" });
  });
}
