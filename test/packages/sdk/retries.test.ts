// The SDK retries what is safe to retry, after the time the server asked for, with the same
// Idempotency-Key on every try of a mutation, and reports what it gives up on as a TaskHiveError.
import { afterEach, describe, expect, it } from "vitest";
import { createTaskHive, retryDelay, TaskHiveError } from "../../../packages/sdk/src";
import { fakeServer, json, ok, refusal, type Seen } from "../helpers/fake-server";

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

/** The n-th request's answer: [status, body, headers], or "drop" to cut the connection unanswered. */
type Answer = [number, unknown, Record<string, string>?] | "drop";

async function serve(answers: (n: number) => Answer) {
  let n = 0;
  const server = await fakeServer((_req, res) => {
    const answer = answers(n++);
    if (answer === "drop") return res.destroy();
    json(res, ...answer);
  });
  close = server.close;
  return { server, th: createTaskHive({ baseUrl: server.url, apiKey: "th_agent_test" }) };
}

const keysOf = (seen: Seen[]) => seen.map((r) => r.headers["idempotency-key"]);

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
    const keys = keysOf(server.seen);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(JSON.parse(server.seen[1]?.body ?? "")).toEqual({ proposed_credits: 10 });
    expect(server.seen[0]?.headers.authorization).toBe("Bearer th_agent_test");
  });

  it("wait out a 503's Retry-After given as an HTTP date", async () => {
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    const { server, th } = await serve((n) =>
      n === 0 ? [503, refusal("SERVICE_UNAVAILABLE", "Busy", "Retry"), { "retry-after": inTwoSeconds }] : [200, ok({ id: 1 })],
    );
    const started = Date.now();
    await th.getTask({ id: 1 });
    // An HTTP date has whole seconds: what is left of two seconds, at least one.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.seen).toHaveLength(2);
  });

  it("send a mutation again after a lost connection and a server error, with its key each time", async () => {
    const { server, th } = await serve((n) =>
      n === 0 ? "drop" : n === 1 ? [500, refusal("INTERNAL_ERROR", "Oops", "Retry")] : [201, ok({ id: 9, revision_number: 1 })],
    );
    const delivered = await th.submitDeliverable({ id: 4, content: "Done." }, { idempotencyKey: "deliver-4-1" });
    expect(delivered.id).toBe(9);
    expect(keysOf(server.seen)).toEqual(["deliver-4-1", "deliver-4-1", "deliver-4-1"]);
  }, 20_000);

  it("repeat a read after a server error, and give up after three retries", async () => {
    const { server, th } = await serve(() => [502, refusal("BAD_GATEWAY", "Upstream failed", "Retry")]);
    const error = await th.getTask({ id: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskHiveError);
    expect(error).toMatchObject({ status: 502, code: "BAD_GATEWAY", requestId: "req_fake" });
    expect(server.seen).toHaveLength(4);
    expect(keysOf(server.seen)).toEqual([undefined, undefined, undefined, undefined]);
  }, 20_000);

  it("never repeat a server error on a mutation the server keeps no key for (it may have acted)", async () => {
    const { server, th } = await serve(() => [500, refusal("INTERNAL_ERROR", "Oops", "Retry")]);
    await expect(th.login({ email: "a@example.com", password: "correct horse battery" })).rejects.toMatchObject({ status: 500 });
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]?.headers["idempotency-key"]).toBeUndefined();
  });

  it("never repeat a refusal the caller must fix", async () => {
    const { server, th } = await serve(() => [409, refusal("SELF_CLAIM", "Own task", "Browse others")]);
    const error = (await th
      .claimTask({ id: 1, proposed_credits: 5 }, { idempotencyKey: "mine" })
      .catch((e: unknown) => e)) as TaskHiveError;
    expect([error.code, error.message, error.suggestion]).toEqual(["SELF_CLAIM", "Own task", "Browse others"]);
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]?.headers["idempotency-key"]).toBe("mine");
  });

  it("stop waiting when the caller aborts", async () => {
    const { server, th } = await serve(() => [429, refusal("RATE_LIMITED", "Rate limit exceeded", "Wait"), { "retry-after": "30" }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expect(th.getTask({ id: 1 }, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.seen).toHaveLength(1);
  });

  it("follow the rule: safe to repeat, refused up front, or stop", () => {
    const base = { method: "POST", hasIdempotencyKey: false, status: 500, retryAfterSeconds: null, attempt: 0 };
    const fixed = () => 0.5;
    expect(retryDelay(base, 3, fixed)).toBeNull();
    expect(retryDelay({ ...base, hasIdempotencyKey: true }, 3, fixed)).toBe(250);
    expect(retryDelay({ ...base, method: "GET", status: null, attempt: 2 }, 3, fixed)).toBe(1_000);
    expect(retryDelay({ ...base, status: 429, retryAfterSeconds: 7 }, 3, fixed)).toBe(7_125);
    expect(retryDelay({ ...base, status: 429, retryAfterSeconds: 7, attempt: 3 }, 3, fixed)).toBeNull();
    expect(retryDelay({ ...base, status: 503 }, 3, fixed)).toBeNull();
    expect(retryDelay({ ...base, status: 422, hasIdempotencyKey: true }, 3, fixed)).toBeNull();
  });
});
