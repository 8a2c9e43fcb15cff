// Every development relaxation (http webhook targets without address checks, cookies without
// Secure) is reachable only when ENVIRONMENT is exactly "development", and no environment has a
// fallback ENCRYPTION_KEY: without one, whatever would store a secret is refused with the
// contract's envelope and nothing is half-written. The suites themselves run in development, so
// each case here runs the real Worker entry under another env (test/helpers/production.ts), and
// a development control proves each check can tell the difference.
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppBindings } from "../../src/env";
import { type Agent, ORIGIN, type Person, personWithAgent, postTask, registerPerson } from "../helpers/api";
import { expectError } from "../helpers/http";
import { callWith, deployment, fakeNetwork, fetchWith } from "../helpers/production";

/** Anything but exactly "development" is production, including near misses and no value at all. */
const NOT_DEVELOPMENT = ["production", "staging", "", "Development", " development", "dev", undefined];
const DEVELOPMENT = deployment({ ENVIRONMENT: "development" });

let poster: Person;
let agent: Agent;

beforeAll(async () => {
  poster = await registerPerson("Poster");
  agent = await personWithAgent("Worker");
});

afterEach(() => {
  vi.restoreAllMocks();
});

function register(bindings: AppBindings): Promise<Response> {
  const body = JSON.stringify({ email: `p-${crypto.randomUUID()}@example.com`, password: "correct horse battery", name: "P" });
  return fetchWith(
    bindings,
    new Request(`${ORIGIN}/auth/register`, { method: "POST", headers: { "content-type": "application/json" }, body }),
  );
}

/** A dashboard form post that sets the one-shot flash cookie (the API refuses the cancel). */
function dashboardCancel(bindings: AppBindings): Promise<Response> {
  const request = new Request(`${ORIGIN}/dashboard/tasks/999999/cancel`, {
    method: "POST",
    headers: { cookie: poster.cookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    body: "_token=t",
  });
  return fetchWith(bindings, request);
}

const secure = (response: Response) => response.headers.getSetCookie().map((line) => /;\s*Secure/i.test(line));

describe.each(NOT_DEVELOPMENT)("with ENVIRONMENT=%j", (environment) => {
  const bindings = deployment({ ENVIRONMENT: environment });

  it("sets session and flash cookies Secure", async () => {
    const registered = await register(bindings);
    expect(registered.status).toBe(201);
    expect(secure(registered)).toEqual([true]);
    const flashed = await dashboardCancel(bindings);
    expect(flashed.status).toBe(303);
    expect(secure(flashed).length).toBeGreaterThan(0);
    expect(secure(flashed).every(Boolean)).toBe(true);
  });

  it("refuses http://localhost and http://127.0.0.1 webhook targets", async () => {
    for (const url of ["http://localhost:8787/hook", "http://127.0.0.1:8787/hook"]) {
      const refused = await callWith(bindings, "POST", "/api/v1/webhooks", agent, { url, events: ["claim.accepted"] });
      expectError(refused, 422, "INVALID_WEBHOOK_URL", "url must use https");
    }
  });
});

describe.each(NOT_DEVELOPMENT)("without ENCRYPTION_KEY, with ENVIRONMENT=%j", (environment) => {
  const keyless = deployment({ ENVIRONMENT: environment, ENCRYPTION_KEY: undefined });
  const NAMES_THE_FIX = /wrangler secret put ENCRYPTION_KEY/;

  it("refuses a task that carries a poster LLM key, and posts nothing", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM tasks WHERE poster_id = ?").bind(poster.id).first<{ n: number }>();
    const refused = await callWith(keyless, "POST", "/api/v1/tasks", poster, {
      title: "Reviewed task",
      description: "A task description long enough to pass validation.",
      budget_credits: 100,
      auto_review_enabled: true,
      poster_llm_provider: "anthropic",
      poster_llm_key: "sk-ant-planted-key",
    });
    expectError(refused, 503, "SERVICE_UNAVAILABLE", NAMES_THE_FIX);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM tasks WHERE poster_id = ?").bind(poster.id).first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it("refuses an agent's LLM key, and changes nothing of the agent", async () => {
    const refused = await callWith(keyless, "PATCH", "/api/v1/agents/me", agent, { llm_provider: "openai", llm_key: "sk-planted-key" });
    expectError(refused, 503, "SERVICE_UNAVAILABLE", NAMES_THE_FIX);
    const row = await env.DB.prepare("SELECT llm_provider, llm_key_encrypted FROM agents WHERE id = ?").bind(agent.id).first();
    expect(row).toEqual({ llm_provider: null, llm_key_encrypted: null });
  });

  it("refuses to register a webhook, and registers nothing", async () => {
    fakeNetwork({ "hooks.example.com": { A: ["93.184.215.14"] } });
    const refused = await callWith(keyless, "POST", "/api/v1/webhooks", agent, {
      url: "https://hooks.example.com/",
      events: ["claim.accepted"],
    });
    expectError(refused, 503, "SERVICE_UNAVAILABLE", NAMES_THE_FIX);
    const row = await env.DB.prepare("SELECT count(*) AS n FROM webhooks WHERE agent_id = ?").bind(agent.id).first<{ n: number }>();
    expect(row?.n).toBe(0);
  });

  it("refuses realtime tickets", async () => {
    const refused = await callWith(keyless, "POST", "/api/v1/realtime/tickets", agent);
    expectError(refused, 503, "SERVICE_UNAVAILABLE", NAMES_THE_FIX);
  });

  it("still serves everything that stores no secret", async () => {
    const task = await callWith<{ id: number }>(keyless, "POST", "/api/v1/tasks", poster, {
      title: "Plain task",
      description: "A task description long enough to pass validation.",
      budget_credits: 100,
    });
    expect(task.status).toBe(201);
  });

  it("reports the missing key on /health without any value", async () => {
    const health = await callWith(keyless, "GET", "/api/v1/health", null);
    expect(health.status).toBe(200);
    expect(health.body.data).toMatchObject({ status: "degraded", environment: "production" });
    expect(health.body.data["problems"]).toEqual([
      expect.objectContaining({ setting: "ENCRYPTION_KEY", problem: "missing", fix: expect.stringMatching(NAMES_THE_FIX) }),
    ]);
  });
});

describe("the development control", () => {
  it("is what relaxes each of them: no Secure cookies, local http webhook targets", async () => {
    expect(secure(await register(DEVELOPMENT))).toEqual([false]);
    expect(secure(await dashboardCancel(DEVELOPMENT)).some(Boolean)).toBe(false);
    const local = await callWith<{ id: number }>(DEVELOPMENT, "POST", "/api/v1/webhooks", agent, {
      url: "http://127.0.0.1:9/hook",
      events: ["claim.accepted"],
    });
    expect(local.status).toBe(201);
    await callWith(DEVELOPMENT, "DELETE", `/api/v1/webhooks/${local.body.data.id}`, agent);
  });

  it("has no fallback key either: development without ENCRYPTION_KEY refuses to store secrets", async () => {
    const keyless = deployment({ ENVIRONMENT: "development", ENCRYPTION_KEY: undefined });
    const refused = await callWith(keyless, "PATCH", "/api/v1/agents/me", agent, { llm_provider: "openai", llm_key: "sk-planted-key" });
    expectError(refused, 503, "SERVICE_UNAVAILABLE");
    await postTask(poster);
  });
});
