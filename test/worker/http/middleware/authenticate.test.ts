import { describe, expect, it } from "vitest";
import { type ApiResult, call, createAgent, expectStatus, personWithAgent, registerPerson } from "../../../helpers/api";
import { expectError, expiredSessionCookie, randomHex, setAgentStatus, unknownAgentKey } from "../../../helpers/http";

const MISSING = "Missing or invalid Authorization header";
const MISSING_SUGGESTION = "Include header: Authorization: Bearer th_agent_<your-key>";
const UNKNOWN_KEY = "Invalid API key";
const UNKNOWN_KEY_SUGGESTION = "Check your API key or generate a new one at /dashboard/agents";

function withAuthorization(value: string) {
  return call("GET", "/api/v1/tasks", null, { headers: { authorization: value } });
}

describe("authenticate: no credentials", () => {
  it("answers 401 UNAUTHORIZED with the contract's message and suggestion", async () => {
    const res = await call("GET", "/api/v1/tasks", null);
    const error = expectError(res, 401, "UNAUTHORIZED", MISSING);
    expect(error.suggestion).toBe(MISSING_SUGGESTION);
  });

  it("refuses every authenticated /api/v1 route the same way", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/agents/me"],
      ["GET", "/api/v1/categories"],
      ["POST", "/api/v1/tasks"],
      ["GET", "/api/v1/operator/credits"],
    ] as const) {
      const error = expectError(await call(method, path, null, method === "POST" ? { body: {} } : {}), 401, "UNAUTHORIZED", MISSING);
      expect(error.suggestion).toBe(MISSING_SUGGESTION);
    }
  });

  it("answers 401, not 403, to an unauthenticated change that carries a foreign Origin", async () => {
    const res = await call("POST", "/api/v1/tasks", null, { body: {}, headers: { origin: "https://evil.example" } });
    expectError(res, 401, "UNAUTHORIZED", MISSING);
  });
});

describe("authenticate: malformed Bearer headers are refused before any lookup", () => {
  const hex64 = "ab".repeat(32);
  const cases: [string, string][] = [
    ["a scheme other than Bearer", `Token th_agent_${hex64}`],
    ["Basic credentials", "Basic dXNlcjpwYXNz"],
    ["a wrong key prefix", `Bearer th_agnt_${hex64}`],
    ["no key prefix", `Bearer ${hex64}`],
    ["63 hex characters", `Bearer th_agent_${hex64.slice(1)}`],
    ["65 hex characters", `Bearer th_agent_${hex64}a`],
    ["uppercase hex", `Bearer th_agent_${hex64.toUpperCase()}`],
    ["non-hex characters", `Bearer th_agent_${"zz".repeat(32)}`],
    ["an empty Bearer", "Bearer "],
    ["two keys", `Bearer th_agent_${hex64} th_agent_${hex64}`],
  ];

  for (const [name, header] of cases) {
    it(`refuses ${name} with 401 ${MISSING}`, async () => {
      const error = expectError(await withAuthorization(header), 401, "UNAUTHORIZED", MISSING);
      expect(error.suggestion).toBe(MISSING_SUGGESTION);
    });
  }

  it("refuses the uppercase form of a real key", async () => {
    const agent = await personWithAgent();
    const upper = `th_agent_${agent.key.slice("th_agent_".length).toUpperCase()}`;
    expectError(await call("GET", "/api/v1/agents/me", { key: upper }), 401, "UNAUTHORIZED", MISSING);
    await expectStatus(200, "GET", "/api/v1/agents/me", agent);
  });

  it("does not fall back to the session cookie when the Authorization header is malformed", async () => {
    const person = await registerPerson("Both");
    const res = await call("GET", "/api/v1/operator/agents", person, { headers: { authorization: "Bearer nope" } });
    expectError(res, 401, "UNAUTHORIZED", MISSING);
  });
});

describe("authenticate: unknown keys", () => {
  it("answers a well-formed key no agent holds with 401 Invalid API key", async () => {
    const error = expectError(await call("GET", "/api/v1/tasks", { key: unknownAgentKey() }), 401, "UNAUTHORIZED", UNKNOWN_KEY);
    expect(error.suggestion).toBe(UNKNOWN_KEY_SUGGESTION);
  });

  it("accepts a real key whatever the case of the Bearer scheme", async () => {
    const agent = await personWithAgent();
    const res = await call("GET", "/api/v1/agents/me", null, { headers: { authorization: `bearer ${agent.key}` } });
    expect(res.status).toBe(200);
  });
});

describe("authenticate: agent status", () => {
  it("refuses a paused agent's key with 403 Agent is paused and a suggestion to resume it", async () => {
    const agent = await personWithAgent();
    await expectStatus(200, "PATCH", `/api/v1/operator/agents/${agent.id}`, agent.operator, { body: { status: "paused" } });
    const error = expectError(await call("GET", "/api/v1/tasks", agent), 403, "FORBIDDEN", "Agent is paused");
    expect(error.suggestion).toContain("/api/v1/operator/agents/");
  });

  it("refuses a suspended agent's key with 403 Agent is suspended", async () => {
    const agent = await personWithAgent();
    await setAgentStatus(agent.id, "suspended");
    expectError(await call("GET", "/api/v1/tasks", agent), 403, "FORBIDDEN", "Agent is suspended");
  });
});

describe("authenticate: session cookies", () => {
  it("serves a valid session cookie", async () => {
    const person = await registerPerson("Signed");
    await expectStatus(200, "GET", "/api/v1/tasks", person);
  });

  it("refuses an expired session with 401 UNAUTHORIZED", async () => {
    const person = await registerPerson("Expired");
    const cookie = await expiredSessionCookie(person.id);
    expectError(await call("GET", "/api/v1/tasks", { cookie }), 401, "UNAUTHORIZED");
    expectError(await call("GET", "/auth/me", { cookie }), 401, "UNAUTHORIZED");
  });

  it("refuses an unknown session token and a malformed cookie with 401 UNAUTHORIZED", async () => {
    expectError(await call("GET", "/api/v1/tasks", { cookie: `th_session=${randomHex(32)}` }), 401, "UNAUTHORIZED");
    expectError(await call("GET", "/api/v1/tasks", { cookie: "th_session=not-a-token" }), 401, "UNAUTHORIZED");
  });

  it("ignores cookies with other names", async () => {
    const person = await registerPerson("Renamed");
    const token = person.cookie.split("=")[1];
    const error = expectError(await call("GET", "/api/v1/tasks", { cookie: `session=${token}` }), 401, "UNAUTHORIZED", MISSING);
    expect(error.suggestion).toBe(MISSING_SUGGESTION);
  });
});

describe("every error response follows the envelope", () => {
  it("has ok:false, error code/message/suggestion, meta.request_id and a matching X-Request-Id", async () => {
    const person = await registerPerson("Enveloped");
    const paused = await createAgent(person);
    await expectStatus(200, "PATCH", `/api/v1/operator/agents/${paused.id}`, person, { body: { status: "paused" } });
    const agent = await createAgent(person);

    const failures: ApiResult<unknown>[] = [
      await call("GET", "/api/v1/tasks", null),
      await withAuthorization("Bearer th_agent_short"),
      await call("GET", "/api/v1/tasks", { key: unknownAgentKey() }),
      await call("GET", "/api/v1/tasks", paused),
      await call("GET", "/api/v1/tasks", { cookie: `th_session=${randomHex(32)}` }),
      await call("GET", "/api/v1/agents/me", person),
      await call("GET", "/api/v1/agents/abc", agent),
      await call("GET", "/api/v1/agents/999999", agent),
      await call("PATCH", "/api/v1/agents/me", agent, { body: {} }),
      await call("GET", "/api/v1/no-such-route", agent),
      await call("POST", "/api/v1/operator/agents", person, {
        body: { name: "x", description: "y" },
        headers: { origin: "https://evil.example" },
      }),
    ];
    for (const res of failures) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body.ok).toBe(false);
      expect(Object.keys(res.body).sort()).toEqual(["error", "meta", "ok"]);
      expect(typeof res.body.error.code).toBe("string");
      expect(res.body.error.code).toMatch(/^[A-Z_]+$/);
      expect(res.body.error.message.length).toBeGreaterThan(0);
      expect(res.body.error.suggestion.length).toBeGreaterThan(0);
      expect(res.body.meta.request_id).toMatch(/^req_/);
      expect(res.body.meta.timestamp).toMatch(/Z$/);
      expect(res.headers.get("x-request-id")).toBe(res.body.meta.request_id);
      expect(JSON.stringify(res.body)).not.toMatch(/at .+\.(ts|js):\d+/);
    }
  });
});
