import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, call, claimedTask, ORIGIN, type Person, personWithAgent, postTask, registerPerson } from "../../helpers/api";
import { expectError } from "../../helpers/flows";

let poster: Person;
let worker: Agent;

beforeAll(async () => {
  poster = await registerPerson("Poster");
  worker = await personWithAgent("Worker");
});

/** The raw response, for checks the JSON-parsing helper would hide (HTML, stack traces). */
async function raw(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}) {
  const response = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { method, headers: init.headers, body: init.body }));
  return { response, text: await response.text() };
}

function expectCleanErrorText(text: string): void {
  expect(text.trimStart().startsWith("{")).toBe(true);
  expect(text).not.toMatch(/<html|<!doctype|<body/i);
  expect(text).not.toMatch(/\n\s+at \S|Error: |\.ts:\d+|\.js:\d+/);
}

const VALID_TASK = {
  title: "A perfectly fine task",
  description: "Long enough description for the validator to accept.",
  budget_credits: 100,
};

describe("request body errors", () => {
  it.each(["{bad json", '{"title": "x",}', "[1, 2", "undefined"])(
    "answers the malformed JSON body %j with 422 VALIDATION_ERROR",
    async (body) => {
      const result = await call("POST", "/api/v1/tasks", worker, { rawBody: body, headers: { "content-type": "application/json" } });
      expectError(result, 422, "VALIDATION_ERROR", "Request body is not valid JSON");
      expect(result.body.error.suggestion).toBe("Send a JSON object with Content-Type: application/json");
    },
  );

  it("answers malformed JSON with 422 on an agent route and on /auth too", async () => {
    const task = await postTask(poster);
    const claimResult = await call("POST", `/api/v1/tasks/${task.id}/claims`, worker, {
      rawBody: "{proposed_credits: 10}",
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expectError(claimResult, 422, "VALIDATION_ERROR", "Request body is not valid JSON");
    const register = await call("POST", "/auth/register", null, { rawBody: "{oops", headers: { "content-type": "application/json" } });
    expectError(register, 422, "VALIDATION_ERROR", "Request body is not valid JSON");
  });

  it("creates nothing when the body is malformed", async () => {
    const { text } = await raw("POST", "/api/v1/tasks", {
      headers: { authorization: `Bearer ${worker.key}`, "content-type": "application/json" },
      body: '{"title": "Malformed but long enough", "budget_credits": 4242',
    });
    expectCleanErrorText(text);
    const listed = await call<unknown[]>("GET", "/api/v1/tasks?min_budget=4242&max_budget=4242", worker);
    expect(listed.body.data).toEqual([]);
  });

  it.each([
    ["text/plain", "title=hello"],
    ["application/x-www-form-urlencoded", "title=hello&budget_credits=100"],
    ["text/html", "<p>task</p>"],
  ])("answers a %s body with 415 UNSUPPORTED_MEDIA_TYPE", async (type, body) => {
    const result = await call("POST", "/api/v1/tasks", worker, { rawBody: body, headers: { "content-type": type } });
    expectError(result, 415, "UNSUPPORTED_MEDIA_TYPE", `Content-Type ${type} is not supported`);
    expect(result.body.error.suggestion).toBe("Send the body as JSON with Content-Type: application/json");
  });

  it("answers a JSON document sent as text/plain with 415, not by parsing it", async () => {
    const result = await call("POST", "/api/v1/tasks", worker, {
      rawBody: JSON.stringify(VALID_TASK),
      headers: { "content-type": "text/plain" },
    });
    expectError(result, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("answers a body over 256 KiB with 413 PAYLOAD_TOO_LARGE", async () => {
    const body = JSON.stringify({ ...VALID_TASK, description: "x".repeat(256 * 1024) });
    const result = await call("POST", "/api/v1/tasks", worker, { rawBody: body, headers: { "content-type": "application/json" } });
    expectError(result, 413, "PAYLOAD_TOO_LARGE", "Request body exceeds 262144 bytes");
    expect(result.body.error.suggestion).toContain("50,000 characters");
  });

  it("answers an oversized deliverable body with 413 before it reaches the task", async () => {
    const { task } = await claimedTask(poster, worker);
    const result = await call("POST", `/api/v1/tasks/${task.id}/deliverables`, worker, { body: { content: "z".repeat(300 * 1024) } });
    expectError(result, 413, "PAYLOAD_TOO_LARGE");
    const seen = await call<{ status: string; deliverables_count: number }>("GET", `/api/v1/tasks/${task.id}`, poster);
    expect(seen.body.data).toMatchObject({ status: "claimed", deliverables_count: 0 });
  });

  it("answers an oversized body sent without Content-Length (streamed) with 413", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 5) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const result = await call("POST", "/api/v1/tasks", worker, { rawBody: stream, headers: { "content-type": "application/json" } });
    expectError(result, 413, "PAYLOAD_TOO_LARGE");
  });

  it("lets a body of exactly 256 KiB through to validation, and refuses one byte more", async () => {
    const prefix = '{"title":"A fine title","budget_credits":100,"description":"';
    const suffix = '"}';
    const sized = (bytes: number) => `${prefix}${"d".repeat(bytes - prefix.length - suffix.length)}${suffix}`;
    const atLimit = await call("POST", "/api/v1/tasks", worker, {
      rawBody: sized(256 * 1024),
      headers: { "content-type": "application/json" },
    });
    expectError(atLimit, 422, "VALIDATION_ERROR", "description must be at most 5000 characters");
    const over = await call("POST", "/api/v1/tasks", worker, {
      rawBody: sized(256 * 1024 + 1),
      headers: { "content-type": "application/json" },
    });
    expectError(over, 413, "PAYLOAD_TOO_LARGE");
  });

  it("accepts a maximal deliverable of multi-byte characters (100 KB of UTF-8)", async () => {
    const { task } = await claimedTask(poster, worker);
    const result = await call("POST", `/api/v1/tasks/${task.id}/deliverables`, worker, { body: { content: "\u00e9".repeat(50_000) } });
    expect(result.status).toBe(201);
  });
});

describe("routing and authentication errors", () => {
  it.each([
    ["GET", "/api/v1/nope"],
    ["POST", "/api/v1/tasks/1/explode"],
    ["DELETE", "/api/v1/tasks"],
    ["GET", "/api/v2/tasks"],
  ])("answers %s %s (authenticated) with 404 NOT_FOUND", async (method, path) => {
    const result = await call(method, path, worker);
    expectError(result, 404, "NOT_FOUND", `No route for ${method} ${path}`);
    expect(result.body.error.suggestion).toBe("See GET /api/v1/openapi.json for every endpoint");
  });

  it("answers an unknown route for a signed-in person with 404 NOT_FOUND", async () => {
    const result = await call("GET", "/api/v1/does-not-exist", poster);
    expectError(result, 404, "NOT_FOUND", "No route for GET /api/v1/does-not-exist");
  });

  it("answers a missing credential with 401 UNAUTHORIZED", async () => {
    const result = await call("GET", "/api/v1/tasks", null);
    expectError(result, 401, "UNAUTHORIZED", "Missing or invalid Authorization header");
    expect(result.body.error.suggestion).toBe("Include header: Authorization: Bearer th_agent_<your-key>");
  });

  it("answers an unknown but well-formed key with 401 Invalid API key", async () => {
    const result = await call("GET", "/api/v1/tasks", { key: `th_agent_${"0".repeat(64)}` });
    expectError(result, 401, "UNAUTHORIZED", "Invalid API key");
  });

  it("answers a malformed key with 401 before any lookup", async () => {
    const result = await call("GET", "/api/v1/tasks", { key: "not-a-key" });
    expectError(result, 401, "UNAUTHORIZED", "Missing or invalid Authorization header");
  });
});

describe("every response", () => {
  it("carries X-Request-Id matching meta.request_id on successes and on each kind of error", async () => {
    const task = await postTask(poster);
    const responses = [
      await call("GET", "/api/v1/tasks", worker),
      await call("GET", `/api/v1/tasks/${task.id}`, poster),
      await call("POST", "/api/v1/tasks", worker, { body: VALID_TASK }),
      await call("GET", "/api/v1/tasks/999999", worker),
      await call("GET", "/api/v1/tasks?limit=0", worker),
      await call("POST", "/api/v1/tasks", worker, { body: { title: "x" } }),
      await call("POST", "/api/v1/tasks", worker, { rawBody: "{", headers: { "content-type": "application/json" } }),
      await call("POST", "/api/v1/tasks", worker, { rawBody: "hi", headers: { "content-type": "text/plain" } }),
      await call("POST", "/api/v1/tasks", worker, {
        rawBody: "x".repeat(300 * 1024),
        headers: { "content-type": "application/json" },
      }),
      await call("GET", "/api/v1/nope", worker),
      await call("GET", "/api/v1/tasks", null),
      await call("GET", "/auth/me", null),
      await call("GET", "/api/v1/health", null),
    ];
    const ids = new Set<string>();
    for (const result of responses) {
      const header = result.headers.get("x-request-id");
      expect(header).toMatch(/^req_[0-9a-f]+$/);
      expect(result.body.meta.request_id).toBe(header);
      expect(result.headers.get("content-type") ?? "").toMatch(/^application\/json/);
      ids.add(header ?? "");
    }
    expect(ids.size).toBe(responses.length);
  });

  it("answers every error as a JSON envelope with code, message, suggestion and meta, never HTML or a stack trace", async () => {
    const task = await postTask(poster);
    const auth = { authorization: `Bearer ${worker.key}` };
    const cases: [string, string, { headers?: Record<string, string>; body?: BodyInit }, number][] = [
      ["GET", "/api/v1/nope", { headers: auth }, 404],
      ["GET", "/api/v1/tasks", {}, 401],
      ["GET", "/api/v1/tasks/abc", { headers: auth }, 400],
      ["GET", "/api/v1/tasks/999999", { headers: auth }, 404],
      ["POST", "/api/v1/tasks", { headers: { ...auth, "content-type": "application/json" }, body: "{" }, 422],
      ["POST", "/api/v1/tasks", { headers: { ...auth, "content-type": "text/plain" }, body: "plain" }, 415],
      ["POST", "/api/v1/tasks", { headers: { ...auth, "content-type": "application/json" }, body: "y".repeat(257 * 1024) }, 413],
      ["POST", `/api/v1/tasks/${task.id}/rollback`, { headers: auth }, 403],
      ["POST", `/api/v1/tasks/${task.id}/claims/1/withdraw`, { headers: auth }, 404],
    ];
    for (const [method, path, init, status] of cases) {
      const { response, text } = await raw(method, path, init);
      expect(response.status, `${method} ${path}`).toBe(status);
      expect(response.headers.get("content-type") ?? "").toMatch(/^application\/json/);
      expect(response.headers.get("x-request-id")).toMatch(/^req_/);
      expectCleanErrorText(text);
      const body = JSON.parse(text) as {
        ok: boolean;
        error: { code: string; message: string; suggestion: string };
        meta: { request_id: string; timestamp: string };
      };
      expect(Object.keys(body).sort()).toEqual(["error", "meta", "ok"]);
      expect(body.ok).toBe(false);
      expect(body.error.code).toMatch(/^[A-Z_]+$/);
      expect(body.error.message.length).toBeGreaterThan(0);
      expect(body.error.suggestion.length).toBeGreaterThan(0);
      expect(body.meta.request_id).toBe(response.headers.get("x-request-id"));
      expect(body.meta.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
  });
});
