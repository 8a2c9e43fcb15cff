/**
 * LLM keys never leak. A poster's key (set on task creation) and an agent's key (PATCH
 * /agents/me) are planted, then used by the reviewer against providers whose error messages echo
 * the key back. Every response of every endpoint that shows task, agent or review data (errors
 * included), every event on the task's stream and the agent's inbox, every webhook delivery,
 * every MCP tool result, every A2A answer and every console line of the whole run are searched
 * for the keys, or any 12 characters of them; and the stores hold them only sealed.
 */
import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_TYPES } from "../../src/contracts/events";
import { encryptionKeyOf } from "../../src/domain/deployment";
import { openSecret } from "../../src/domain/secret-box";
import { A2A_URL } from "../helpers/a2a";
import {
  type Agent,
  acceptClaim,
  type Caller,
  call,
  claim,
  createAgent,
  deliver,
  expectStatus,
  ORIGIN,
  type Person,
  personWithAgent,
  registerPerson,
  type TaskView,
} from "../helpers/api";
import { fakeProvider } from "../helpers/fake-llm";
import { d1Dump, leaksIn, needlesFor, objectDump, recordConsole } from "../helpers/leaks";
import { type EventStreamClient, openEvents } from "../helpers/live";
import { connectMcp, ERAS } from "../helpers/mcp";
import { AGENT_KEY, attemptFor, POSTER_KEY } from "../helpers/review";
import { consumeReviewJobs, roomEventTypes } from "../helpers/review-queue";
import { deliveries, receivedAtLeast, receiverName, receiverUrl, registerWebhook } from "../helpers/webhooks";

const NEEDLES = needlesFor(POSTER_KEY, AGENT_KEY);

/** Providers that refuse the key and, as real ones sometimes do, quote it in the error message. */
function echoingProviders() {
  const anthropic = fakeProvider("api.anthropic.com", (r) =>
    Response.json(
      { type: "error", error: { type: "authentication_error", message: `invalid x-api-key: ${r.headers.get("x-api-key")}` } },
      { status: 401 },
    ),
  );
  const openai = fakeProvider("api.openai.com", (r) =>
    Response.json(
      {
        error: {
          message: `Incorrect API key provided: ${r.headers.get("authorization")}`,
          type: "invalid_request_error",
          code: "invalid_api_key",
        },
      },
      { status: 401 },
    ),
  );
  return {
    seen: () => [...anthropic.seen, ...openai.seen],
    restore: () => {
      for (const fake of [openai, anthropic]) fake.restore();
    },
  };
}

const logs = recordConsole();
const providers = echoingProviders();
/** Everything any endpoint answered, in order. */
const answered: string[] = [];
let poster: Person;
let agent: Agent;
let stranger: Agent;
let task: TaskView;
let webhookId: number;
const receiver = receiverName("key-leak");

async function record(method: string, path: string, caller: Caller, options: Parameters<typeof call>[3] = {}) {
  const result = await call(method, path, caller, options);
  answered.push(
    `${method} ${path} ${result.status} ${[...result.headers].map(([name, value]) => `${name}: ${value}`).join(" ")} ${JSON.stringify(result.body)}`,
  );
  return result;
}

async function drain(stream: EventStreamClient): Promise<string[]> {
  const frames: string[] = [];
  for (;;) {
    const frame = await stream.next(1_000).catch(() => null);
    if (!frame) return frames;
    frames.push(JSON.stringify(frame));
  }
}

/** One A2A JSON-RPC call as text: status, headers and body (of a stream, its first frame). */
async function a2aAnswer(key: string, method: string, params: unknown, version?: string): Promise<string> {
  const headers = new Headers({ "content-type": "application/json", authorization: `Bearer ${key}` });
  if (version) headers.set("a2a-version", version);
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method, params });
  const res = await exports.default.fetch(new Request(A2A_URL, { method: "POST", headers, body }));
  const head = `${method} ${res.status} ${[...res.headers].map(([name, value]) => `${name}: ${value}`).join(" ")}`;
  if (!res.headers.get("content-type")?.startsWith("text/event-stream") || !res.body) return `${head} ${await res.text()}`;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return `${head} ${text}`;
}

beforeAll(async () => {
  poster = await registerPerson("Key poster");
  agent = await personWithAgent("Key worker");
  stranger = await personWithAgent("Key stranger");
  const patched = await record("PATCH", "/api/v1/agents/me", agent, {
    body: { llm_key: AGENT_KEY, llm_provider: "openai" },
    headers: { "idempotency-key": "plant-agent-key" },
  });
  expect(patched.status).toBe(200);
  webhookId = (await registerWebhook(agent, receiverUrl("ok", receiver), [...EVENT_TYPES])).id;
  const created = await record("POST", "/api/v1/tasks", poster, {
    headers: { "idempotency-key": "plant-poster-key" },
    body: {
      title: "Compare three papers",
      description: "A one-page comparison of the three papers.",
      budget_credits: 200,
      auto_review_enabled: true,
      poster_llm_key: POSTER_KEY,
      poster_llm_provider: "anthropic",
      poster_max_reviews: 1,
    },
  });
  expect(created.status).toBe(201);
  task = created.body.data as unknown as TaskView;
  await claim(stranger, task.id);
  await acceptClaim(poster, task.id, (await claim(agent, task.id)).id);
  // First submission: the poster's key, refused with the key quoted; the poster asks for a revision.
  const first = await deliver(agent, task.id, "First draft.");
  expect(await attemptFor(poster, task.id, first.id)).toMatchObject({ result: "error", key_source: "poster" });
  await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${first.id}/revision`, poster, {
    body: { revision_notes: "Add the table." },
  });
  // Second: the poster's one review is used, so the agent's key, refused the same way; the poster accepts.
  const second = await deliver(agent, task.id, "Second draft, with the table.");
  expect(await attemptFor(poster, task.id, second.id)).toMatchObject({ result: "error", key_source: "agent" });
  await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${second.id}/accept`, poster);
}, 60_000);

afterAll(() => {
  providers.restore();
  logs.stop();
});

describe("planted LLM keys", () => {
  it("were really used: both providers received them", () => {
    const sent = providers.seen().map((r) => `${r.headers.get("x-api-key")} ${r.headers.get("authorization")}`);
    expect(sent.some((h) => h.includes(POSTER_KEY))).toBe(true);
    expect(sent.some((h) => h.includes(AGENT_KEY))).toBe(true);
  });

  it("appear in no response of any endpoint that shows tasks, agents or reviews", async () => {
    const reads: [Caller, string][] = [];
    for (const who of [poster, agent, stranger, agent.operator]) {
      reads.push(
        [who, `/api/v1/tasks/${task.id}`],
        [who, "/api/v1/tasks?status=completed&limit=100"],
        [who, "/api/v1/tasks/search?q=papers&status=completed"],
        [who, `/api/v1/tasks/${task.id}/claims`],
        [who, `/api/v1/tasks/${task.id}/deliverables`],
        [who, `/api/v1/tasks/${task.id}/reviews`],
        [who, `/api/v1/agents/${agent.id}`],
      );
    }
    for (const who of [agent, stranger])
      reads.push(
        [who, "/api/v1/agents/me"],
        [who, "/api/v1/agents/me/claims"],
        [who, "/api/v1/agents/me/tasks"],
        [who, "/api/v1/agents/me/credits"],
      );
    for (const who of [poster, agent.operator])
      reads.push([who, "/auth/me"], [who, "/api/v1/operator/agents"], [who, "/api/v1/operator/credits"]);
    reads.push([agent, "/api/v1/webhooks"], [agent, `/api/v1/webhooks/${webhookId}/deliveries`]);
    for (const [who, path] of reads) await record("GET", path, who);
    expect(answered.length).toBeGreaterThan(40);
    expect(answered.filter((a) => leaksIn(a, NEEDLES).length > 0)).toEqual([]);
  });

  it("are not echoed by refusals, validation errors or idempotent replays of the requests that carried them", async () => {
    const attempts: [Caller, string, string, Parameters<typeof call>[3]][] = [
      [
        poster,
        "POST",
        "/api/v1/tasks",
        { body: { title: "No provider", description: "A task description long enough.", budget_credits: 50, poster_llm_key: POSTER_KEY } },
      ],
      [
        poster,
        "POST",
        "/api/v1/tasks",
        {
          body: {
            title: "Bad provider",
            description: "A task description long enough.",
            budget_credits: 50,
            poster_llm_key: POSTER_KEY,
            poster_llm_provider: "gemini",
          },
        },
      ],
      [
        poster,
        "POST",
        "/api/v1/tasks",
        {
          body: {
            title: "Too long",
            description: "A task description long enough.",
            budget_credits: 50,
            poster_llm_key: POSTER_KEY.repeat(30),
            poster_llm_provider: "anthropic",
          },
        },
      ],
      [
        poster,
        "POST",
        "/api/v1/tasks",
        { rawBody: `{"poster_llm_key": "${POSTER_KEY}",`, headers: { "content-type": "application/json" } },
      ],
      [null, "POST", "/api/v1/tasks", { body: { poster_llm_key: POSTER_KEY } }],
      [agent, "POST", "/api/v1/tasks", { body: { title: "t", poster_llm_key: POSTER_KEY, poster_llm_provider: "nope" } }],
      [agent, "PATCH", "/api/v1/agents/me", { body: { llm_key: AGENT_KEY, llm_provider: "gemini" } }],
      [agent, "PATCH", "/api/v1/agents/me", { body: { llm_key: AGENT_KEY.repeat(20) } }],
      [agent, "PATCH", "/api/v1/agents/me", { body: { llm_key: AGENT_KEY, unknown_field: AGENT_KEY } }],
      [agent.operator, "PATCH", "/api/v1/agents/me", { body: { llm_key: AGENT_KEY } }],
      // The planting requests again: replayed, and the same Idempotency-Key with another body.
      [
        agent,
        "PATCH",
        "/api/v1/agents/me",
        { body: { llm_key: AGENT_KEY, llm_provider: "openai" }, headers: { "idempotency-key": "plant-agent-key" } },
      ],
      [
        agent,
        "PATCH",
        "/api/v1/agents/me",
        { body: { llm_key: `${AGENT_KEY}x`, llm_provider: "openai" }, headers: { "idempotency-key": "plant-agent-key" } },
      ],
    ];
    const from = answered.length;
    const statuses: number[] = [];
    for (const [who, method, path, options] of attempts) statuses.push((await record(method, path, who, options)).status);
    // Refused, except the unknown field (ignored, so the same key is stored again) and the replay.
    expect(statuses).toEqual([422, 422, 422, 422, 401, 422, 422, 422, 200, 403, 200, 422]);
    expect(answered.at(-2)).toMatch(/x-idempotency-replayed: true/);
    expect(answered.slice(from).filter((a) => leaksIn(a, NEEDLES).length > 0)).toEqual([]);
  });

  it("appear in no MCP tool result or resource, nor in a tool's refusal of a request that carried them", async () => {
    const results: string[] = [];
    for (const who of [agent, stranger]) {
      for (const era of ERAS) {
        const client = await connectMcp(who.key, era);
        const calls: [string, Record<string, unknown>][] = [
          ["get-task", { id: task.id }],
          ["list-task-claims", { id: task.id }],
          ["list-deliverables", { id: task.id }],
          ["list-reviews", { id: task.id }],
          ["get-agent", { id: agent.id }],
          ["get-my-agent", {}],
          ["list-my-claims", {}],
          ["list-my-tasks", {}],
          ["get-my-credits", {}],
          ["browse-tasks", { status: "completed", limit: 100 }],
          ["search-tasks", { q: "papers", status: "completed" }],
          ["list-webhooks", {}],
          ["update-my-agent", { llm_key: AGENT_KEY, llm_provider: "gemini" }],
          ["create-task", { title: "t", poster_llm_key: POSTER_KEY, poster_llm_provider: "nope" }],
        ];
        for (const [name, args] of calls) results.push(`${name} ${JSON.stringify(await client.callTool({ name, arguments: args }))}`);
        results.push(JSON.stringify(await client.readResource({ uri: `taskhive://tasks/${task.id}` })));
      }
    }
    expect(results.some((r) => r.includes('"review.completed"') || r.includes("Compare three papers"))).toBe(true);
    expect(results.filter((r) => leaksIn(r, NEEDLES).length > 0)).toEqual([]);
  });

  it("appear in no A2A answer: the task and its artifacts, refusals, replays or a stream's frames, in either version", async () => {
    const posterAgent = await createAgent(poster);
    const keyed = (provider: string) => ({
      title: "Keyed",
      description: "A task description long enough.",
      budget_credits: 50,
      poster_llm_key: POSTER_KEY,
      poster_llm_provider: provider,
    });
    const v1 = (data: unknown, metadata?: Record<string, unknown>) => ({
      message: { messageId: crypto.randomUUID(), role: "ROLE_USER", parts: [{ data }], metadata },
      configuration: { returnImmediately: true },
    });
    const v03 = (data: unknown) => ({
      message: { kind: "message", messageId: crypto.randomUUID(), role: "user", parts: [{ kind: "data", data }] },
    });
    const answers: string[] = [];
    for (const who of [posterAgent, agent, stranger]) {
      answers.push(
        await a2aAnswer(who.key, "GetTask", { id: String(task.id) }, "1.0"),
        await a2aAnswer(who.key, "tasks/get", { id: String(task.id) }),
      );
    }
    const posted = v1(keyed("anthropic"));
    const extension = { [`${ORIGIN}/a2a/ext/marketplace/v1`]: { poster_llm_key: POSTER_KEY, poster_llm_provider: "gemini" } };
    for (const [method, params, version] of [
      ["SendMessage", posted, "1.0"],
      // The same message again (replayed), then its messageId with another body (refused).
      ["SendMessage", posted, "1.0"],
      ["SendMessage", { ...posted, message: { ...posted.message, parts: [{ data: keyed("openai") }] } }, "1.0"],
      ["SendMessage", v1(keyed("nope")), "1.0"],
      ["SendMessage", v1({ title: "Via the extension", description: "A task description long enough." }, extension), "1.0"],
      ["message/send", v03(keyed("gemini")), undefined],
      ["message/stream", v03(keyed("anthropic")), undefined],
    ] as const) {
      answers.push(await a2aAnswer(posterAgent.key, method, params, version));
    }
    // The poster's side reads the task with both deliverables; the others are told it does not exist.
    expect(
      answers.filter((a) => a.includes("Second draft, with the table.") && a.includes(`deliverable-${task.id * 1_000_000 + 2}`)),
    ).toHaveLength(2);
    expect(answers.filter((a) => a.includes('"error"'))).toHaveLength(8);
    expect(answers.filter((a) => leaksIn(a, NEEDLES).length > 0)).toEqual([]);
  });

  it("appear in no event: not on the task's stream, the agent's inbox, nor any webhook delivery", async () => {
    const expected = (await roomEventTypes(task.id)).length;
    const taskFrames = await drain(await openEvents(`/api/v1/tasks/${task.id}/events?since=0`, poster));
    const inboxFrames = await drain(await openEvents("/api/v1/agents/me/events?since=0", agent));
    expect(taskFrames).toHaveLength(expected);
    expect(taskFrames.some((f) => f.includes("review.completed"))).toBe(true);
    expect(inboxFrames.length).toBeGreaterThan(0);

    const sent = await receivedAtLeast(receiver, 5);
    const payloads = (await deliveries(agent, webhookId)).map((d) => JSON.stringify(d));
    expect(sent.some((r) => r.body.includes("review.completed"))).toBe(true);
    const everything = [...taskFrames, ...inboxFrames, ...sent.map((r) => JSON.stringify(r)), ...payloads];
    expect(everything.filter((text) => leaksIn(text, NEEDLES).length > 0)).toEqual([]);
  });

  it("appear in no console line of the whole run, including the reviewer's own errors", async () => {
    // A job the reviewer cannot run logs its failure: proof the lines below are being recorded.
    await consumeReviewJobs([{ taskId: task.id, deliverableId: task.id * 1_000_000 + 99 }]);
    const lines = logs.lines();
    expect(lines.some((line) => line.includes('"at":"queue.reviews"'))).toBe(true);
    expect(lines.filter((line) => leaksIn(line, NEEDLES).length > 0)).toEqual([]);
  });

  it("are stored only sealed: nowhere in D1 or any object's storage in the clear, and their sealed forms open to them", async () => {
    const stores = [
      await d1Dump(),
      await objectDump(env.TASK_ROOM.getByName(String(task.id))),
      ...(await Promise.all(
        [`agent:${agent.id}`, `user:${poster.id}`, `user:${agent.operator.id}`].map((name) => objectDump(env.CALLER.getByName(name))),
      )),
      await objectDump(env.AGENT_INBOX.getByName(`agent:${agent.id}`)),
    ];
    expect(stores.map((dump) => leaksIn(dump, NEEDLES))).toEqual(stores.map(() => []));

    const key = encryptionKeyOf(env);
    const agentRow = await env.DB.prepare("SELECT llm_key_encrypted AS sealed FROM agents WHERE id = ?")
      .bind(agent.id)
      .first<{ sealed: string }>();
    expect(agentRow?.sealed).toMatch(/^v1\./);
    expect(await openSecret(agentRow?.sealed ?? "", key)).toBe(AGENT_KEY);
    // The room keeps the task record as JSON text, so its quotes arrive escaped in the dump.
    const sealedPosterKey = /encryptedKey\\?":\\?"(v1\.[\w-]+\.[\w-]+)/.exec(stores[1] ?? "")?.[1];
    expect(sealedPosterKey).toBeDefined();
    expect(await openSecret(sealedPosterKey ?? "", key)).toBe(POSTER_KEY);
  });
});
