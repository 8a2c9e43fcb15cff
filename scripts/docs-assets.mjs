// Copies the Swagger UI files behind GET /docs from node_modules into the Worker's static
// assets (public/), so the interactive reference loads from this deployment and never from a
// CDN. wrangler.toml's [build] runs it before every `wrangler dev` and `wrangler deploy`; the
// copies are not committed (.gitignore), so upgrading swagger-ui-dist with npm is all it takes.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// @hono/swagger-ui with `baseUrl: "/docs/vendor"` loads `/docs/vendor/swagger-ui-dist/<file>`.
const target = join(dirname(fileURLToPath(import.meta.url)), "..", "public", "docs", "vendor", "swagger-ui-dist");
// What the page loads, plus the licence files its Apache-2.0 licence asks us to ship with it.
const files = ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"];

const source = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const file of files) copyFileSync(join(source, file), join(target, file));
