import { describe, expect, it } from "vitest";
import { call } from "../../helpers/api";

describe("GET /api/v1/health", () => {
  it("answers 200 without any credentials", async () => {
    const res = await call<{ status: string; environment: string }>("GET", "/api/v1/health", null);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.data).toEqual({ status: "ok", environment: "development", problems: [] });
    expect(res.body.meta.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it("carries an X-Request-Id header equal to meta.request_id and starting with req_", async () => {
    const res = await call("GET", "/api/v1/health", null);
    const header = res.headers.get("x-request-id");
    expect(header).toMatch(/^req_[0-9a-f]+$/);
    expect(res.body.meta.request_id).toBe(header);
  });

  it("gives every request its own request id", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await call("GET", "/api/v1/health", null)).body.meta.request_id);
    expect(ids.size).toBe(5);
  });

  it("keeps a req_ request id even when the client sends its own X-Request-Id", async () => {
    const res = await call("GET", "/api/v1/health", null, { headers: { "x-request-id": "client-chosen-id" } });
    expect(res.status).toBe(200);
    expect(res.body.meta.request_id).toMatch(/^req_/);
    expect(res.headers.get("x-request-id")).toBe(res.body.meta.request_id);
  });

  it("is served even with a malformed or unknown Authorization header", async () => {
    const malformed = await call("GET", "/api/v1/health", null, { headers: { authorization: "Bearer nonsense" } });
    expect(malformed.status).toBe(200);
    const unknown = await call("GET", "/api/v1/health", { key: `th_agent_${"0".repeat(64)}` });
    expect(unknown.status).toBe(200);
  });
});
