// The OpenAPI document describes every route the app serves, with the cross-cutting parts no
// route declares itself (Idempotency-Key, request id, rate-limit and replay headers, 429 and
// idempotency errors) and examples; /docs renders it without leaving the deployment.

import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { GUIDANCE } from "../../../src/worker/discovery/guidance";
import { completeDocument } from "../../../src/worker/discovery/openapi";
import { jsonBodyOf, resolveHeader, resolveParameter } from "../../../src/worker/discovery/openapi-types";
import { OPENAPI_PATH } from "../../../src/worker/discovery/paths";
import { isGuarded, isIdempotent } from "../../../src/worker/discovery/policy";
import { DISCOVERY_ROUTES, skillsOf } from "../../../src/worker/discovery/routes";
import { createApp } from "../../../src/worker/http/app";
import { ORIGIN } from "../../helpers/api";
import { DOCUMENT, OPERATIONS } from "../../helpers/conformance";
import { schemaProblems } from "../../helpers/json-schema";

const get = (path: string, headers: Record<string, string> = {}) => exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers }));

const headersOf = (status: string, op: (typeof OPERATIONS)[number]) => Object.keys(op.operation.responses?.[status]?.headers ?? {});

describe("every route the app serves", () => {
  const app = createApp();
  const discovery = new Set(DISCOVERY_ROUTES.map((r) => `${r.method} ${r.path}`));
  // app.routes lists middleware as ALL and each handler of a chain separately.
  const served = [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))].filter(
    (key) => !discovery.has(key),
  );
  const documented = new Set(OPERATIONS.map((op) => op.key.replace(/\{(\w+)\}/g, ":$1")));
  const skills = skillsOf(app);

  it("are found", () => {
    expect(served.length).toBeGreaterThan(30);
  });

  it.each(served)("%s has an OpenAPI operation and a skill file", (key) => {
    expect(documented.has(key), `${key} is served but not in ${OPENAPI_PATH}`).toBe(true);
    const name = GUIDANCE[key.replace(/:(\w+)/g, "{$1}")]?.name;
    expect(name, `${key} has no guidance in src/worker/discovery/guidance`).toBeDefined();
    expect(skills.files.has(`${name ?? ""}.md`)).toBe(true);
  });

  it("has no guidance left for an operation that no longer exists", () => {
    const keys = new Set(OPERATIONS.map((op) => op.key));
    expect(Object.keys(GUIDANCE).filter((key) => !keys.has(key))).toEqual([]);
  });
});

describe("the served document", () => {
  it("is the completed document with this origin as its server", async () => {
    const response = await get(OPENAPI_PATH);
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    expect(body).toEqual({ ...DOCUMENT, servers: [{ url: ORIGIN }] });
  });

  it("needs no credentials and carries a request id", async () => {
    const response = await get(OPENAPI_PATH);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("is completed without touching the generated one", () => {
    const generated = createApp().getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    const before = JSON.stringify(generated);
    completeDocument(generated);
    expect(JSON.stringify(generated)).toBe(before);
  });
});

describe.each(OPERATIONS.map((op) => [op.key, op] as const))("%s", (_, op) => {
  const responses = Object.entries(op.operation.responses ?? {});

  it("is named after its skill file and links to it", () => {
    const name = GUIDANCE[op.key]?.name ?? "";
    expect(op.operation.operationId).toBe(name);
    expect(op.operation.externalDocs?.url).toBe(`/skills/${name}.md`);
    expect(op.operation.security).toBeDefined();
  });

  it("documents X-Request-Id on every response", () => {
    for (const [status] of responses) expect(headersOf(status, op), status).toContain("X-Request-Id");
  });

  it("documents the rate limit exactly when the middleware applies it", () => {
    const guarded = isGuarded(op);
    expect(op.operation.responses?.["429"] !== undefined).toBe(guarded);
    if (!guarded) return;
    expect(headersOf("429", op)).toContain("Retry-After");
    for (const [status] of responses) {
      if (status === "401") continue;
      expect(headersOf(status, op), status).toEqual(
        expect.arrayContaining(["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "RateLimit-Policy", "RateLimit"]),
      );
    }
  });

  it("documents Idempotency-Key on every /api/v1 POST, PATCH and DELETE", () => {
    const params = (op.operation.parameters ?? []).map((p) => resolveParameter(DOCUMENT, p));
    const key = params.find((p) => p.name === "Idempotency-Key");
    const mutation = op.path.startsWith("/api/v1/") && op.method !== "GET";
    expect(isIdempotent(op)).toBe(mutation);
    expect(key !== undefined).toBe(mutation);
    if (!key) return;
    expect(key).toMatchObject({ in: "header", required: false, schema: { maxLength: 255 } });
    for (const status of ["400", "409", "422"]) expect(op.operation.responses?.[status]?.description).toMatch(/IDEMPOTENCY_KEY_/);
    const replayed = responses.filter(([, r]) => "X-Idempotency-Replayed" in (r.headers ?? {})).map(([s]) => s);
    expect(replayed).toContain(responses.find(([s]) => s.startsWith("2"))?.[0]);
  });

  it("has examples that fit its own schemas", () => {
    const body = jsonBodyOf(op.operation);
    if (body?.schema) expect(schemaProblems(DOCUMENT, body.schema, body.example)).toEqual([]);
    for (const [status, response] of responses) {
      const media = response.content?.["application/json"];
      if (!media?.schema || (!status.startsWith("2") && status !== "429")) continue;
      expect(media.example, `${status} example`).toBeDefined();
      expect(schemaProblems(DOCUMENT, media.schema, media.example), status).toEqual([]);
    }
  });

  it("resolves every header it references", () => {
    for (const [, response] of responses) {
      for (const header of Object.values(response.headers ?? {})) expect(resolveHeader(DOCUMENT, header).schema).toBeDefined();
    }
  });
});

describe("GET /docs", () => {
  it("serves the interactive reference for the document, with no CDN", async () => {
    const response = await get("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(OPENAPI_PATH);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(assets).toEqual(
      expect.arrayContaining(["/docs/vendor/swagger-ui-dist/swagger-ui-bundle.js", "/docs/vendor/swagger-ui-dist/swagger-ui.css"]),
    );
    expect(assets.filter((url) => /^(https?:)?\/\//.test(url))).toEqual([]);
  });

  it("serves the Swagger UI script and stylesheet it references from the Worker itself", async () => {
    const script = await get("/docs/vendor/swagger-ui-dist/swagger-ui-bundle.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await script.text()).length).toBeGreaterThan(1_000_000);
    const css = await get("/docs/vendor/swagger-ui-dist/swagger-ui.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await css.text()).toContain(".swagger-ui");
    expect((await get("/docs/vendor/swagger-ui-dist/other.js")).status).toBe(404);
  });
});
