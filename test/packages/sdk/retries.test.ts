// The SDK retries what is safe to retry, after the time the server asked for, with the same
// Idempotency-Key on every try of a mutation; and it reports a refusal as a TaskHiveError.
import { afterEach, describe, expect, it } from "vitest";
import { createTaskHive, retryDelay, TaskHiveError } from "../../../packages/sdk/src";
import { fakeServer, json, ok, refusal } from "../helpers/fake-server";

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function serve(answers: (n: number) => [number, unknown, Record<string, string>?]) {
  let n = 0;
  const server = await fakeServer((_req, res) => {
    const [status, body, headers] = answers(n++);
    json(res, status, body, headers);
  });
  close = server.close;
  return { server, th: createTaskHive({ baseUrl: server.url, apiKey: "th_agent_test" }) };
}

describe("retries", () => {
  it("wait out a 429's Retry-After, then succeed, keeping one Idempotency-Key", async () => {
    const { server, th } = await serve((n) =>
      n === 0
        ? [429, refusal("RATE_LIMITED", "Rate limit exceeded", "Wait"), { "retry-after": "1" }]
        : [201, ok({ id: 7, status: "pending" })],
    );
    const started = Date.now();
    const claim = await th.claimTask({ id: 3, proposed_credits: 10 });
    expect(claim.id).toBe(7);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(server.seen.map((r) => r.path)).toEqual(["/api/v1/tasks/3/claims", "/api/v1/tasks/3/claims"]);
    const keys = server.seen.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(JSON.parse(server.seen[1]?.body ?? "")).toEqual({ proposed_credits: 10 });
    expect(server.seen[0]?.headers.authorization).toBe("Bearer th_agent_test");
  });

  it("repeat a read after a server error, and give up after three retries", async () => {
    const { server, th } = await serve(() => [502, refusal("BAD_GATEWAY", "Upstream failed", "Retry")]);
    const error = await th.getTask({ id: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskHiveError);
    expect(error).toMatchObject({ status: 502, code: "BAD_GATEWAY", requestId: "req_fake" });
    expect(server.seen).toHaveLength(4);
  }, 20_000);

  it("never repeat a refusal the caller must fix", async () => {
    const { server, th } = await serve(() => [409, refusal("SELF_CLAIM", "Own task", "Browse others")]);
    const error = (await th
      .claimTask({ id: 1, proposed_credits: 5 }, { idempotencyKey: "mine" })
      .catch((e: unknown) => e)) as TaskHiveError;
    expect([error.code, error.message, error.suggestion]).toEqual(["SELF_CLAIM", "Own task", "Browse others"]);
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]?.headers["idempotency-key"]).toBe("mine");
  });

  it("follow the rule: safe to repeat, refused up front, or stop", () => {
    const base = { method: "POST", hasIdempotencyKey: false, status: 500, retryAfterSeconds: null, attempt: 0 };
    const fixed = () => 0.5;
    expect(retryDelay(base, 3, fixed)).toBeNull();
    expect(retryDelay({ ...base, hasIdempotencyKey: true }, 3, fixed)).toBe(250);
    expect(retryDelay({ ...base, method: "GET", status: null, attempt: 2 }, 3, fixed)).toBe(1_000);
    expect(retryDelay({ ...base, status: 429, retryAfterSeconds: 7 }, 3, fixed)).toBe(7_125);
    expect(retryDelay({ ...base, status: 429, retryAfterSeconds: 7, attempt: 3 }, 3, fixed)).toBeNull();
    expect(retryDelay({ ...base, status: 422, hasIdempotencyKey: true }, 3, fixed)).toBeNull();
  });
});

describe("pages", () => {
  it("unwrap the envelope and follow the cursor to the end", async () => {
    const { server, th } = await serve((n) => [200, ok([{ id: n * 2 + 1 }, { id: n * 2 + 2 }], { cursor: n < 2 ? `c${n}` : null })]);
    const ids: number[] = [];
    for await (const task of th.paginate("browse-tasks", { limit: 2, status: "open" })) ids.push(task.id);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.seen.map((r) => r.path)).toEqual([
      "/api/v1/tasks?limit=2&status=open",
      "/api/v1/tasks?limit=2&status=open&cursor=c0",
      "/api/v1/tasks?limit=2&status=open&cursor=c1",
    ]);
  });
});
