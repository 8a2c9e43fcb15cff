import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Caller } from "../../../../src/objects/caller";
import { type Agent, call, personWithAgent, postTask, registerPerson } from "../../../helpers/api";

const taskBody = (title = "Idempotent task title") => ({
  title,
  description: "A task posted with an Idempotency-Key header.",
  budget_credits: 50,
});

function callerOf(agent: Agent): DurableObjectStub<Caller> {
  return env.CALLER.getByName(`agent:${agent.id}`);
}

async function tasksPostedBy(userId: number): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM tasks WHERE poster_id = ?").bind(userId).first<{ n: number }>();
  return row?.n ?? 0;
}

describe("Idempotency-Key", () => {
  it("replays the first response, marked as replayed, without a second task", async () => {
    const agent = await personWithAgent();
    const headers = { "Idempotency-Key": "create-task-1" };
    const first = await call("POST", "/api/v1/tasks", agent, { body: taskBody(), headers });
    const second = await call("POST", "/api/v1/tasks", agent, { body: taskBody(), headers });

    expect(first.status).toBe(201);
    expect(first.headers.get("x-idempotency-replayed")).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get("x-idempotency-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);
    expect(await tasksPostedBy(agent.operator.id)).toBe(1);
  });

  it("creates exactly one task when two requests with one key race", async () => {
    const agent = await personWithAgent();
    const headers = { "Idempotency-Key": "race-1" };
    const results = await Promise.all([
      call("POST", "/api/v1/tasks", agent, { body: taskBody(), headers }),
      call("POST", "/api/v1/tasks", agent, { body: taskBody(), headers }),
    ]);
    const outcomes = results.map((r) => (r.status === 409 ? r.body.error.code : String(r.status))).sort();
    expect([
      ["201", "201"],
      ["201", "IDEMPOTENCY_KEY_IN_FLIGHT"],
    ]).toContainEqual(outcomes);
    expect(await tasksPostedBy(agent.operator.id)).toBe(1);
  });

  it("refuses the same key for another body or path with 422 IDEMPOTENCY_KEY_MISMATCH", async () => {
    const agent = await personWithAgent();
    const headers = { "Idempotency-Key": "mismatch-1" };
    expect((await call("POST", "/api/v1/tasks", agent, { body: taskBody("First title here"), headers })).status).toBe(201);

    const otherBody = await call("POST", "/api/v1/tasks", agent, { body: taskBody("Second title here"), headers });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error.code).toBe("IDEMPOTENCY_KEY_MISMATCH");
    expect(otherBody.body.error.message).toContain("POST /api/v1/tasks");

    const otherPath = await call("PATCH", "/api/v1/agents/me", agent, { body: { name: "renamed" }, headers });
    expect(otherPath.status).toBe(422);
    expect(otherPath.body.error.code).toBe("IDEMPOTENCY_KEY_MISMATCH");
    expect(await tasksPostedBy(agent.operator.id)).toBe(1);
  });

  it("answers 409 IDEMPOTENCY_KEY_IN_FLIGHT while the first request holds the key", async () => {
    const agent = await personWithAgent();
    const first = await call("POST", "/api/v1/tasks", agent, { body: taskBody(), headers: { "Idempotency-Key": "held" } });
    expect(first.status).toBe(201);
    // Put the record back to "running", as it is while the first request is still in its handler.
    await runInDurableObject(callerOf(agent), (_instance, state) => {
      state.storage.sql.exec("UPDATE idempotency SET state = 'in_flight', started_at = ? WHERE key = 'held'", Date.now());
    });
    const second = await call("POST", "/api/v1/tasks", agent, { body: taskBody(), headers: { "Idempotency-Key": "held" } });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("IDEMPOTENCY_KEY_IN_FLIGHT");
  });

  it("keeps no record of a request that failed on the server, so a retry runs afresh", async () => {
    const agent = await personWithAgent();
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(agent.key));
    const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const request = {
      credential: { kind: "key" as const, hash },
      idempotency: { key: "crash", fingerprint: { method: "POST", path: "/api/v1/tasks", bodyHash: "h" } },
    };
    const stub = callerOf(agent);

    const first = await stub.admit(request);
    expect(first.ok && first.idempotency?.kind).toBe("proceed");
    await stub.finish("crash", { status: 500, body: "{}", contentType: "application/json" });

    const retry = await stub.admit(request);
    expect(retry.ok && retry.idempotency?.kind).toBe("proceed");
  });

  it("stores client errors too: a refused claim replays the same 409", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const task = await postTask(poster);
    await call("POST", `/api/v1/tasks/${task.id}/cancel`, poster);
    const headers = { "Idempotency-Key": "claim-cancelled" };
    const first = await call("POST", `/api/v1/tasks/${task.id}/claims`, agent, { body: { proposed_credits: 10 }, headers });
    const again = await call("POST", `/api/v1/tasks/${task.id}/claims`, agent, { body: { proposed_credits: 10 }, headers });
    expect(first.status).toBe(409);
    expect(again.status).toBe(409);
    expect(again.headers.get("x-idempotency-replayed")).toBe("true");
    expect(again.body.error).toEqual(first.body.error);
  });

  it("scopes keys to the caller: two agents may use the same key", async () => {
    const a = await personWithAgent();
    const b = await personWithAgent();
    const headers = { "Idempotency-Key": "shared-key" };
    expect((await call("POST", "/api/v1/tasks", a, { body: taskBody(), headers })).status).toBe(201);
    const other = await call("POST", "/api/v1/tasks", b, { body: taskBody(), headers });
    expect(other.status).toBe(201);
    expect(other.headers.get("x-idempotency-replayed")).toBeNull();
  });

  it("refuses a key over 255 characters and an empty key with 400, and accepts 255", async () => {
    const agent = await personWithAgent();
    const tooLong = await call("POST", "/api/v1/tasks", agent, { body: taskBody(), headers: { "Idempotency-Key": "k".repeat(256) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({
      code: "IDEMPOTENCY_KEY_TOO_LONG",
      message: "Idempotency-Key is 256 characters; the limit is 255",
    });
    const empty = await call("POST", "/api/v1/tasks", agent, { body: taskBody(), headers: { "Idempotency-Key": "" } });
    expect(empty.status).toBe(400);
    const longest = await call("POST", "/api/v1/tasks", agent, { body: taskBody(), headers: { "Idempotency-Key": "k".repeat(255) } });
    expect(longest.status).toBe(201);
    expect(await tasksPostedBy(agent.operator.id)).toBe(1);
  });

  it("ignores the header on GET", async () => {
    const agent = await personWithAgent();
    const headers = { "Idempotency-Key": "get-key" };
    await call("GET", "/api/v1/agents/me", agent, { headers });
    const again = await call("GET", "/api/v1/agents/me", agent, { headers });
    expect(again.status).toBe(200);
    expect(again.headers.get("x-idempotency-replayed")).toBeNull();
    const rows = await runInDurableObject(callerOf(agent), (_instance, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'idempotency'").toArray(),
    );
    expect(rows).toEqual([]);
  });

  it("purges records once their 24 hours have passed", async () => {
    const agent = await personWithAgent();
    await call("POST", "/api/v1/tasks", agent, { body: taskBody(), headers: { "Idempotency-Key": "old" } });
    await runInDurableObject(callerOf(agent), (_instance, state) => {
      state.storage.sql.exec("UPDATE idempotency SET expires_at = ?", Date.now() - 1);
    });
    expect(await runDurableObjectAlarm(callerOf(agent))).toBe(true);
    const left = await runInDurableObject(
      callerOf(agent),
      (_instance, state) => state.storage.sql.exec("SELECT count(*) AS n FROM idempotency").one().n,
    );
    expect(left).toBe(0);
  });
});
