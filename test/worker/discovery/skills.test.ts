/// <reference types="vite/client" />
// The skill layer: served at /skill.md and /skills/<name>.md exactly as generated from the
// document, listed with matching hashes in the manifest, checked in under skills/ exactly as
// `npm run skills` writes them, and consistent with the document (every documented error
// status has a row; every row's status is documented).
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { GUIDANCE } from "../../../src/worker/discovery/guidance";
import { isReference, jsonBodyOf, resolveParameter } from "../../../src/worker/discovery/openapi-types";
import { skillsOf } from "../../../src/worker/discovery/routes";
import { errorRows } from "../../../src/worker/discovery/skills/error-rows";
import type { Manifest } from "../../../src/worker/discovery/skills/manifest";
import { ONBOARDING_FILE } from "../../../src/worker/discovery/skills/skill-set";
import { createApp } from "../../../src/worker/http/app";
import { ORIGIN } from "../../helpers/api";
import { DOCUMENT, OPERATIONS } from "../../helpers/conformance";
import { sha256Hex } from "../../helpers/http";
import { schemaProblems } from "../../helpers/json-schema";

// Read at build time by vite from the repository, so the test sees the checked-in files.
const CHECKED_IN = import.meta.glob<string>("../../../skills/*", { query: "?raw", import: "default", eager: true });

const SECTIONS = [
  "Tool",
  "Purpose",
  "Authentication",
  "Parameters",
  "Request Body",
  "Response Shape",
  "Error Codes",
  "Latency Target",
  "Rate Limit",
  "Idempotency",
  "Rollback",
  "Example Request",
  "Example Response",
  "Notes",
];

const skills = skillsOf(createApp());
const get = (path: string, headers: Record<string, string> = {}) => exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers }));

describe("skills/ in the repository", () => {
  it("holds exactly what `npm run skills` generates", () => {
    const checkedIn = new Map(Object.entries(CHECKED_IN).map(([path, text]) => [path.split("/").pop() ?? path, text]));
    expect([...checkedIn.keys()].sort(), "run `npm run skills`").toEqual([...skills.files.keys()].sort());
    for (const [name, text] of skills.files) expect(checkedIn.get(name), `skills/${name} is stale: run \`npm run skills\``).toBe(text);
  });
});

describe("GET /skill.md", () => {
  it("is the onboarding index, public, as markdown", async () => {
    const response = await get("/skill.md");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(await response.text()).toBe(skills.files.get(ONBOARDING_FILE));
  });

  it("links to every skill, and every link resolves", async () => {
    const text = skills.files.get(ONBOARDING_FILE) ?? "";
    for (const { guidance } of skills.operations) expect(text).toContain(`(/skills/${guidance.name}.md)`);
    const links = new Set([...text.matchAll(/\]\((\/skills\/[^)]+)\)/g)].map((m) => m[1] ?? ""));
    for (const link of links) expect((await get(link)).status, link).toBe(200);
  });

  it("walks the core loop in order and explains how to get a key", () => {
    const text = skills.files.get(ONBOARDING_FILE) ?? "";
    const order = [
      "register.md",
      "create-agent.md",
      "browse-tasks.md",
      "get-task.md",
      "claim-task.md",
      "submit-deliverable.md",
      "get-my-credits.md",
    ];
    const positions = order.map((file) => text.indexOf(`/skills/${file}`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe("GET /skills/<name>.md", () => {
  it.each(skills.operations.map(({ entry, guidance }) => [guidance.name, entry.key] as const))(
    "%s.md (%s) is served as generated",
    async (name) => {
      const response = await get(`/skills/${name}.md`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      expect(await response.text()).toBe(skills.files.get(`${name}.md`));
    },
  );

  it("answers 404 in the error envelope for an unknown skill", async () => {
    const response = await get("/skills/no-such-skill.md");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("GET /.well-known/taskhive-agent.json", () => {
  it("lists every operation with its skill and that skill's SHA-256", async () => {
    const response = await get("/.well-known/taskhive-agent.json");
    expect(response.status).toBe(200);
    const manifest: Manifest = await response.json();
    expect(manifest.operations.map((o) => `${o.method} ${o.path}`)).toEqual(OPERATIONS.map((op) => op.key));
    for (const operation of manifest.operations) {
      const served = await (await get(operation.skill)).text();
      expect(operation.sha256, operation.skill).toBe(await sha256Hex(served));
      expect(operation.summary).not.toBe("");
    }
    expect(manifest.onboarding.sha256).toBe(await sha256Hex(await (await get(manifest.onboarding.url)).text()));
    expect(manifest.openapi).toBe("/api/v1/openapi.json");
  });
});

describe.each(skills.operations.map((o) => [o.entry.key, o] as const))("the skill of %s", (_, { entry, guidance }) => {
  const text = skills.files.get(`${guidance.name}.md`) ?? "";

  it("has the sections of a TaskHive skill, in order", () => {
    expect(text.startsWith("# Skill: ")).toBe(true);
    const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(SECTIONS);
  });

  it("lists an error for every documented error status, and only documented statuses", () => {
    const documented = Object.keys(entry.operation.responses ?? {}).filter((s) => Number(s) >= 400);
    const listed = [...new Set(errorRows(DOCUMENT, entry, guidance).map((r) => String(r.status)))];
    expect(listed.sort()).toEqual(documented.sort());
  });

  it("has a kebab-case name, purpose, notes and a latency target", () => {
    expect(guidance.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(guidance.purpose.length).toBeGreaterThan(40);
    expect(guidance.latencyMs).toBeGreaterThan(0);
    expect(text).toMatch(/## Latency Target\n\np95 < \d+ ms/);
  });

  it("takes its example request values from real parameters and a valid body", () => {
    const params = (entry.operation.parameters ?? []).map((p) => resolveParameter(DOCUMENT, p));
    const names = (where: string) => params.filter((p) => p.in === where).map((p) => p.name);
    expect(names("path")).toEqual(expect.arrayContaining(Object.keys(guidance.example?.path ?? {})));
    expect(names("query")).toEqual(expect.arrayContaining(Object.keys(guidance.example?.query ?? {})));
    const schema = jsonBodyOf(entry.operation)?.schema;
    if (guidance.example?.body !== undefined) {
      expect(schema).toBeDefined();
      if (schema) expect(schemaProblems(DOCUMENT, schema, guidance.example.body)).toEqual([]);
    }
  });

  it("shows a request body exactly when the operation takes one", () => {
    const body = entry.operation.requestBody;
    const takesBody = body !== undefined && !isReference(body);
    expect(text.includes("## Request Body\n\nNone.")).toBe(!takesBody);
    expect(text.includes(" -d '")).toBe(takesBody);
  });
});

it("keeps the contract's latency targets", () => {
  expect(GUIDANCE["GET /api/v1/tasks"]?.latencyMs).toBe(10);
  expect(GUIDANCE["POST /api/v1/tasks/{id}/claims"]?.latencyMs).toBe(15);
  expect(GUIDANCE["POST /api/v1/tasks/{id}/deliverables"]?.latencyMs).toBe(15);
});
