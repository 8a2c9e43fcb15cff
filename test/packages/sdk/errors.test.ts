// Every refusal reaches the caller as a TaskHiveError carrying what the API said (code, message,
// suggestion, details) and what the response said (status, X-Request-Id, Retry-After), whether
// or not the answer was the API's envelope.
import { afterEach, describe, expect, it } from "vitest";
import { createTaskHive, TaskHiveError } from "../../../packages/sdk/src";
import { retryAfterOf } from "../../../packages/sdk/src/retry";
import { fakeServer, json } from "../helpers/fake-server";

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function answering(status: number, body: string, headers: Record<string, string>) {
  const server = await fakeServer((_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  });
  close = server.close;
  return createTaskHive({ baseUrl: server.url, apiKey: "th_agent_test", maxRetries: 0 });
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error as TaskHiveError,
  );

describe("TaskHiveError", () => {
  it("carries the envelope's code, message, suggestion and details, and the response's request id and Retry-After", async () => {
    const server = await fakeServer((_req, res) =>
      json(
        res,
        422,
        {
          ok: false,
          error: {
            code: "VALIDATION_ERROR",
            message: "title: too short",
            suggestion: "Fix the fields named",
            details: { fields: ["title"] },
          },
          meta: { timestamp: "2026-12-05T00:00:00.000Z", request_id: "req_fake" },
        },
        { "retry-after": "0" },
      ),
    );
    close = server.close;
    const th = createTaskHive({ baseUrl: server.url, apiKey: "th_agent_test" });
    const error = await caught(th.createTask({ title: "Hi", description: "Too short a title.", budget_credits: 10 }));
    expect(error).toBeInstanceOf(TaskHiveError);
    expect(error).toBeInstanceOf(Error);
    expect({ ...error, message: error.message }).toEqual({
      name: "TaskHiveError",
      status: 422,
      code: "VALIDATION_ERROR",
      message: "title: too short",
      suggestion: "Fix the fields named",
      details: { fields: ["title"] },
      requestId: "req_fake",
      retryAfter: 0,
    });
  });

  it("names an answer without the envelope (a proxy's error page) by its status", async () => {
    const th = await answering(502, "<html>Bad gateway</html>", { "content-type": "text/html" });
    const error = await caught(th.getTask({ id: 1 }));
    expect(error).toMatchObject({ status: 502, code: "HTTP_502", message: "Bad Gateway", requestId: null, retryAfter: null });
    expect(error.suggestion).toMatch(/retry later/i);
  });

  it("does not take a JSON body of another shape for the envelope", async () => {
    const th = await answering(500, JSON.stringify({ error: "boom" }), { "content-type": "application/json" });
    expect(await caught(th.getTask({ id: 1 }))).toMatchObject({ code: "HTTP_500", message: "Internal Server Error" });
  });
});

describe("Retry-After", () => {
  const withHeader = (value: string) => new Response(null, { headers: { "retry-after": value } });

  it("reads whole seconds, as TaskHive sends them", () => {
    expect(retryAfterOf(withHeader("23"))).toBe(23);
  });

  it("reads an HTTP date, as a proxy may send it, as the seconds until then", () => {
    const now = Date.parse("2026-12-05T12:00:00Z");
    expect(retryAfterOf(withHeader("Sat, 05 Dec 2026 12:00:09 GMT"), now)).toBe(9);
    expect(retryAfterOf(withHeader("Sat, 05 Dec 2026 11:00:00 GMT"), now)).toBe(0);
  });

  it("ignores what it cannot read", () => {
    expect(retryAfterOf(withHeader("soon"))).toBeNull();
    expect(retryAfterOf(new Response(null))).toBeNull();
  });
});
