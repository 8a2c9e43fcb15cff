/**
 * The public discovery surface, all generated from the app's own route definitions: the
 * OpenAPI document, the interactive reference, the onboarding and per-operation skill files,
 * and the agent manifest. app.ts registers these outside authentication; none of them is an
 * operation of the API itself, so they are absent from the document they serve.
 */
import { swaggerUI } from "@hono/swagger-ui";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../http/context";
import { notFound } from "../http/errors";
import { openApiDocument } from "./openapi";
import { DOCS_PATH, MANIFEST_PATH, ONBOARDING_PATH, OPENAPI_PATH, SKILLS_BASE } from "./paths";
import { buildManifest, type Manifest } from "./skills/manifest";
import { generateSkills, ONBOARDING_FILE, type SkillSet } from "./skills/skill-set";

/** @hono/swagger-ui with this base loads `<base>/swagger-ui-dist/<file>` (see docs-assets.ts). */
export const DOCS_ASSETS_BASE = `${DOCS_PATH}/vendor`;

/** Every (method, path) this module registers, in Hono's path syntax. */
export const DISCOVERY_ROUTES = [
  { method: "GET", path: OPENAPI_PATH },
  { method: "GET", path: DOCS_PATH },
  { method: "GET", path: `${DOCS_ASSETS_BASE}/swagger-ui-dist/:file` },
  { method: "GET", path: ONBOARDING_PATH },
  { method: "GET", path: `${SKILLS_BASE}/:file` },
  { method: "GET", path: MANIFEST_PATH },
] as const;

type App = OpenAPIHono<AppEnv>;

const skillSets = new WeakMap<App, SkillSet>();
const manifests = new WeakMap<App, Promise<Manifest>>();

/** The app's skill files, generated once per isolate from its document. */
export function skillsOf(app: App): SkillSet {
  let skills = skillSets.get(app);
  if (!skills) {
    skills = generateSkills(openApiDocument(app));
    skillSets.set(app, skills);
  }
  return skills;
}

function manifestOf(app: App): Promise<Manifest> {
  let manifest = manifests.get(app);
  if (!manifest) {
    manifest = buildManifest(openApiDocument(app), skillsOf(app));
    manifests.set(app, manifest);
  }
  return manifest;
}

function markdown(c: Context<AppEnv>, text: string): Response {
  return c.body(text, 200, { "content-type": "text/markdown; charset=utf-8" });
}

export function registerDiscovery(app: App): void {
  app.get(OPENAPI_PATH, (c) => c.json({ ...openApiDocument(app), servers: [{ url: new URL(c.req.url).origin }] }));
  app.get(DOCS_PATH, swaggerUI({ url: OPENAPI_PATH, baseUrl: DOCS_ASSETS_BASE, title: "TaskHive API reference" }));
  app.get(ONBOARDING_PATH, (c) => markdown(c, skillsOf(app).files.get(ONBOARDING_FILE) ?? ""));
  app.get(`${SKILLS_BASE}/:file`, (c) => {
    const text = skillsOf(app).files.get(c.req.param("file"));
    return text === undefined ? notFound(c) : markdown(c, text);
  });
  app.get(MANIFEST_PATH, async (c) => c.json(await manifestOf(app)));
}
