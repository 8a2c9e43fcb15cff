// Binding between the API and its description, for everything but the work itself: accounts,
// agents, operators, health and categories, plus the cross-cutting idempotency and rate-limit
// answers. Every response must match the served OpenAPI document and every error must appear in
// the operation's skill file; the last test fails when one of these operations has no successful
// call here yet.
import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, call, createAgent, type Person, personWithAgent, registerPerson } from "../../helpers/api";
import { Conformance, hasTag, OPERATIONS_TAGS, REALTIME_TAGS, WEBHOOK_TAGS, WORK_TAGS } from "../../helpers/conformance";
import { setAgentStatus, unknownAgentKey } from "../../helpers/http";

const conf = new Conformance();
const ELSEWHERE = "https://elsewhere.example";
let person: Person;
let agent: Agent;

beforeAll(async () => {
  person = await registerPerson("Operator");
  agent = await createAgent(person);
});

const credentials = (email: string) => ({ email, password: "correct horse battery", name: "Ada" });

describe("accounts", () => {
  it("register, login, me and logout answer as documented", async () => {
    // The skill's sample address: storage is this file's own, and EMAIL_TAKEN names the address.
    const email = "ada@example.com";
    const registered = await conf.call("POST", "/auth/register", null, { body: credentials(email) });
    expect(registered.status).toBe(201);
    await conf.error(409, "EMAIL_TAKEN", "POST", "/auth/register", null, { body: credentials(email) });
    await conf.error(422, "VALIDATION_ERROR", "POST", "/auth/register", null, { body: { email } });
    await conf.error(403, "FORBIDDEN", "POST", "/auth/register", null, {
      body: credentials("grace@example.com"),
      headers: { origin: ELSEWHERE },
    });

    const login = await conf.call("POST", "/auth/login", null, { body: { email, password: "correct horse battery" } });
    expect(login.status).toBe(200);
    await conf.error(401, "INVALID_CREDENTIALS", "POST", "/auth/login", null, { body: { email, password: "wrong password" } });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

    await conf.expect(200, "GET", "/auth/me", { cookie });
    await conf.error(401, "UNAUTHORIZED", "GET", "/auth/me", null);
    await conf.error(403, "FORBIDDEN", "POST", "/auth/logout", { cookie }, { headers: { origin: ELSEWHERE } });
    await conf.expect(200, "POST", "/auth/logout", { cookie });
    await conf.error(401, "UNAUTHORIZED", "POST", "/auth/logout", { cookie });
  });
});

describe("platform", () => {
  it("health and categories answer as documented", async () => {
    await conf.expect(200, "GET", "/api/v1/health", null);
    await conf.expect(200, "GET", "/api/v1/categories", agent);
    await conf.expect(200, "GET", "/api/v1/categories", person);
    await conf.error(401, "UNAUTHORIZED", "GET", "/api/v1/categories", null);
    await conf.error(401, "UNAUTHORIZED", "GET", "/api/v1/categories", { key: unknownAgentKey() });
    await conf.error(401, "UNAUTHORIZED", "GET", "/api/v1/categories", { cookie: "th_session=not-a-session" });
  });
});

describe("agents", () => {
  it("the agent's own routes and public profiles answer as documented", async () => {
    await conf.expect(200, "GET", "/api/v1/agents/me", agent);
    await conf.error(403, "FORBIDDEN", "GET", "/api/v1/agents/me", person);
    await conf.expect(200, "PATCH", "/api/v1/agents/me", agent, { body: { capabilities: ["research"], hourly_rate_credits: 5 } });
    await conf.error(422, "VALIDATION_ERROR", "PATCH", "/api/v1/agents/me", agent, { body: {} });
    await conf.error(404, "CATEGORY_NOT_FOUND", "PATCH", "/api/v1/agents/me", agent, { body: { category_ids: [999999] } });
    await conf.expect(200, "GET", "/api/v1/agents/me/claims", agent);
    await conf.expect(200, "GET", "/api/v1/agents/me/claims?status=pending", agent);
    await conf.expect(200, "GET", "/api/v1/agents/me/tasks", agent);
    await conf.expect(200, "GET", "/api/v1/agents/me/credits", agent);
    await conf.error(400, "INVALID_PARAMETER", "GET", "/api/v1/agents/me/credits?limit=0", agent);
    await conf.error(403, "FORBIDDEN", "GET", "/api/v1/agents/me/tasks", person);
    await conf.expect(200, "GET", `/api/v1/agents/${agent.id}`, person);
    await conf.error(404, "AGENT_NOT_FOUND", "GET", "/api/v1/agents/999999", agent);
  });
});

describe("operator", () => {
  it("managing agents and credits answers as documented", async () => {
    await conf.expect(200, "GET", "/api/v1/operator/agents", person);
    await conf.error(403, "FORBIDDEN", "GET", "/api/v1/operator/agents", agent);
    const created = await conf.expect<{ agent: { id: number }; api_key: string }>(201, "POST", "/api/v1/operator/agents", person, {
      body: { name: "conformance-bot", description: "Checks the documents" },
    });
    const url = `/api/v1/operator/agents/${created.agent.id}`;
    await conf.expect(200, "PATCH", url, person, { body: { status: "paused" } });
    await conf.error(403, "FORBIDDEN", "GET", "/api/v1/categories", { key: created.api_key });
    await conf.error(422, "VALIDATION_ERROR", "PATCH", url, person, { body: {} });
    await conf.error(404, "AGENT_NOT_FOUND", "PATCH", "/api/v1/operator/agents/999999", person, { body: { status: "active" } });
    await setAgentStatus(created.agent.id, "suspended");
    await conf.error(403, "FORBIDDEN", "PATCH", url, person, { body: { status: "active" } });
    await conf.expect(200, "POST", `${url}/key`, person);
    await conf.expect(200, "DELETE", `${url}/key`, person);
    await conf.error(404, "AGENT_NOT_FOUND", "DELETE", "/api/v1/operator/agents/999999/key", person);
    await conf.expect(200, "GET", "/api/v1/operator/credits", person);
    await conf.expect(200, "GET", `${url}/claims`, person);
    await conf.error(404, "AGENT_NOT_FOUND", "GET", "/api/v1/operator/agents/999999/claims", person);
    await conf.expect(200, "GET", "/api/v1/operator/tasks?status=open", person);
    await conf.expect(200, "GET", "/api/v1/operator/tasks/counts", person);
    await conf.error(403, "FORBIDDEN", "GET", "/api/v1/operator/tasks", agent);
  });
});

describe("cross-cutting answers", () => {
  it("replays, refuses reused keys and answers 429 as documented", async () => {
    const key = `conformance-${Date.now()}`;
    const body = { title: "Idempotent task", description: "Posted once however often it is sent.", budget_credits: 50 };
    const first = await conf.call("POST", "/api/v1/tasks", agent, { body, headers: { "idempotency-key": key } });
    const replay = await conf.call("POST", "/api/v1/tasks", agent, { body, headers: { "idempotency-key": key } });
    expect(replay.status).toBe(first.status);
    expect(replay.headers.get("x-idempotency-replayed")).toBe("true");
    await conf.error(422, "IDEMPOTENCY_KEY_MISMATCH", "POST", "/api/v1/tasks", agent, {
      body: { ...body, budget_credits: 60 },
      headers: { "idempotency-key": key },
    });
    await conf.error(400, "IDEMPOTENCY_KEY_TOO_LONG", "POST", "/api/v1/tasks", agent, {
      body,
      headers: { "idempotency-key": "k".repeat(256) },
    });

    // Counted per caller in fixed minutes: a fresh agent reaches its limit within two windows' worth.
    const busy = await personWithAgent("Busy");
    let status = 0;
    for (let i = 0; i < 250 && status !== 429; i += 1) status = (await call("GET", "/api/v1/categories", busy)).status;
    await conf.error(429, "RATE_LIMITED", "GET", "/api/v1/categories", busy);
  });
});

it("has seen every account, agent, operator and platform operation succeed", () => {
  const elsewhere = (op: Parameters<typeof hasTag>[0]) =>
    hasTag(op, WORK_TAGS) || hasTag(op, REALTIME_TAGS) || hasTag(op, WEBHOOK_TAGS) || hasTag(op, OPERATIONS_TAGS);
  expect(conf.unexercised((op) => !elsewhere(op))).toEqual([]);
});
