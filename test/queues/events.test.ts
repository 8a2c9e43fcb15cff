import {
  createExecutionContext,
  createMessageBatch,
  evictDurableObject,
  getQueueResult,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TaskEvent } from "../../src/contracts/events";
import { CHILD_ID_FACTOR } from "../../src/domain/ids";
import { EVENT_SINKS, type EventDelivery, type EventSink } from "../../src/queues/event-sinks";
import { consumeEvents } from "../../src/queues/events";
import {
  acceptClaim,
  acceptDeliverable,
  call,
  claim,
  createAgent,
  deliver,
  personWithAgent,
  postTask,
  registerPerson,
} from "../helpers/api";
import { sampleEvent } from "../helpers/events";

const received: EventDelivery[] = [];
const recorder: EventSink = {
  name: "test recorder",
  async deliver(_env, deliveries) {
    received.push(...deliveries);
  },
};

beforeEach(() => {
  received.length = 0;
  EVENT_SINKS.push(recorder);
});
afterEach(() => {
  EVENT_SINKS.splice(EVENT_SINKS.indexOf(recorder), 1);
});

function eventsOf(taskId: number): EventDelivery[] {
  return received.filter((d) => d.event.task_id === taskId);
}

describe("the events outbox", () => {
  it("hands every event of a task to the sinks in sequence, each with the agents it concerns", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const task = await postTask(poster);
    const bid = await claim(agent, task.id);
    await acceptClaim(poster, task.id, bid.id);
    const work = await deliver(agent, task.id);
    await acceptDeliverable(poster, task.id, work.id);

    await vi.waitFor(() => expect(eventsOf(task.id).length).toBe(8), { timeout: 10_000, interval: 100 });
    const deliveries = eventsOf(task.id).filter((d) => d.event.type !== "task.new_match");
    expect(deliveries.map((d) => d.event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(deliveries.map((d) => d.event.type)).toEqual([
      "task.created",
      "claim.created",
      "claim.accepted",
      "task.updated",
      "deliverable.submitted",
      "task.updated",
      "deliverable.accepted",
      "task.updated",
    ]);
    expect(deliveries.map((d) => d.event.id)).toEqual(deliveries.map((d) => task.id * CHILD_ID_FACTOR + d.event.seq));
    expect(deliveries[0]?.agentIds).toEqual([]);
    for (const d of deliveries.slice(1)) expect(d.agentIds).toEqual([agent.id]);
  });

  it("adds the agent that posted a task to the audience of its claims", async () => {
    const posterAgent = await personWithAgent("Posting operator");
    const worker = await personWithAgent();
    const task = await postTask(posterAgent);
    await claim(worker, task.id);
    await vi.waitFor(() => expect(eventsOf(task.id).some((d) => d.event.type === "claim.created")).toBe(true), { timeout: 10_000 });
    const created = eventsOf(task.id).find((d) => d.event.type === "claim.created");
    expect(created?.agentIds).toEqual([posterAgent.id, worker.id].sort((a, b) => a - b));
  });

  it("re-sends from its log what the queue did not take, when its alarm runs", async () => {
    const poster = await registerPerson("Poster");
    const task = await postTask(poster);
    await vi.waitFor(() => expect(eventsOf(task.id).length).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
    const room = env.TASK_ROOM.getByName(String(task.id));
    // As if the send had failed before the cursor moved: the room comes back from storage alone.
    await runInDurableObject(room, (_instance, state) => {
      state.storage.sql.exec("UPDATE cursors SET seq = 0 WHERE name = 'outbox'");
      return state.storage.setAlarm(Date.now() + 60_000);
    });
    await evictDurableObject(room);
    received.length = 0;

    expect(await runDurableObjectAlarm(room)).toBe(true);

    await vi.waitFor(() => expect(eventsOf(task.id).map((d) => d.event.type)).toContain("task.created"), { timeout: 10_000 });
  });
});

describe("task.new_match", () => {
  it("announces a new task to active agents in its category, not to the poster's own or paused ones", async () => {
    const poster = await registerPerson("Poster");
    const own = await createAgent(poster, { category_ids: [3] });
    const matching = await personWithAgent("Researcher");
    await call("PATCH", "/api/v1/agents/me", matching, { body: { category_ids: [3, 5] } });
    const paused = await personWithAgent("Sleeper");
    await call("PATCH", "/api/v1/agents/me", paused, { body: { category_ids: [3] } });
    await call("PATCH", `/api/v1/operator/agents/${paused.id}`, paused.operator, { body: { status: "paused" } });
    const elsewhere = await personWithAgent("Translator");
    await call("PATCH", "/api/v1/agents/me", elsewhere, { body: { category_ids: [6] } });

    const task = await postTask(poster, { category_id: 3 });

    await vi.waitFor(() => expect(eventsOf(task.id).some((d) => d.event.type === "task.new_match")).toBe(true), { timeout: 10_000 });
    const match = eventsOf(task.id).find((d) => d.event.type === "task.new_match");
    expect(match?.agentIds).toContain(matching.id);
    expect(match?.agentIds).not.toContain(own.id);
    expect(match?.agentIds).not.toContain(paused.id);
    expect(match?.agentIds).not.toContain(elsewhere.id);
    expect(match?.event.id).toBe(task.id * CHILD_ID_FACTOR + CHILD_ID_FACTOR - 1);
    expect(match?.event.data).toMatchObject({ task_id: task.id, budget_credits: task.budget_credits, category_id: 3, priority: 3 });
  });

  it("announces the higher-priority task first when a batch holds several new tasks", async () => {
    const listener = await personWithAgent("Listener");
    await call("PATCH", "/api/v1/agents/me", listener, { body: { category_ids: [4] } });
    const created = [1, 5, 3].map((priority, i) =>
      sampleEvent("task.created", { taskId: 900 + i, seq: 1, data: { category_id: 4, poster_id: 1, priority } }),
    );
    const batch = createMessageBatch(
      "taskhive-events",
      created.map((event) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: { v: 1, event, audience: [] } })),
    );
    await consumeEvents(batch, env);
    const announced = received.filter((d) => d.event.type === "task.new_match" && d.agentIds.includes(listener.id));
    expect(announced.map((d) => d.event.task_id)).toEqual([901, 902, 900]);
  });

  it("does not announce a swarm task, which its coordinator holds from the start", async () => {
    const listener = await personWithAgent("Swarm listener");
    await call("PATCH", "/api/v1/agents/me", listener, { body: { category_ids: [4] } });
    const created = [false, true].map((swarm, i) =>
      sampleEvent("task.created", { taskId: 950 + i, seq: 1, data: { category_id: 4, swarm } }),
    );
    const batch = createMessageBatch(
      "taskhive-events",
      created.map((event) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: { v: 1, event, audience: [] } })),
    );
    await consumeEvents(batch, env);
    const announced = received.filter((d) => d.event.type === "task.new_match" && d.agentIds.includes(listener.id));
    expect(announced.map((d) => d.event.task_id)).toEqual([950]);
  });
});

describe("the events consumer", () => {
  function message(body: unknown, attempts = 1) {
    return { id: crypto.randomUUID(), timestamp: new Date(), attempts, body };
  }
  const event: TaskEvent = sampleEvent("claim.created", { taskId: 1, seq: 1, data: { agent_id: 1 } });

  it("retries with backoff when a sink fails, and acknowledges once every sink took it", async () => {
    let failures = 1;
    const flaky: EventSink = {
      name: "flaky",
      async deliver() {
        if (failures-- > 0) throw new Error("receiver down");
      },
    };
    EVENT_SINKS.push(flaky);
    try {
      const first = createMessageBatch("taskhive-events", [message({ v: 1, event, audience: [1] }, 3)]);
      // getQueueResult does not report retry options, so watch the call itself.
      const retry = vi.spyOn(first.messages[0] as Message<unknown>, "retry");
      const ctx = createExecutionContext();
      await consumeEvents(first, env);
      const result = await getQueueResult(first, ctx);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages).toHaveLength(1);
      const delay = retry.mock.calls[0]?.[0]?.delaySeconds ?? 0;
      // The third attempt failed: nominal 8 s, with jitter between 4 and 8.
      expect(delay).toBeGreaterThanOrEqual(4);
      expect(delay).toBeLessThanOrEqual(8);

      const second = createMessageBatch("taskhive-events", [message({ v: 1, event, audience: [1] }, 4)]);
      await consumeEvents(second, env);
      expect((await getQueueResult(second, createExecutionContext())).explicitAcks).toHaveLength(1);
    } finally {
      EVENT_SINKS.splice(EVENT_SINKS.indexOf(flaky), 1);
    }
  });

  it("dead-letters at once, without retrying, an event an object's own code refused by throwing", async () => {
    const throwing: EventSink = {
      name: "throwing",
      async deliver() {
        throw Object.assign(new Error("bug in the inbox"), { remote: true });
      },
    };
    EVENT_SINKS.push(throwing);
    try {
      const poisoned = sampleEvent("claim.created", { taskId: 3, seq: 1, data: { agent_id: 3 } });
      const batch = createMessageBatch("taskhive-events", [message({ v: 1, event: poisoned, audience: [3] })]);
      await consumeEvents(batch, env);
      const result = await getQueueResult(batch, createExecutionContext());
      expect(result.retryMessages).toEqual([]);
      expect(result.explicitAcks).toHaveLength(1);
      const dead = await env.DB.prepare("SELECT queue FROM dead_letters WHERE message_id = ?").bind(batch.messages[0]?.id).first();
      expect(dead).toEqual({ queue: "taskhive-events" });
    } finally {
      EVENT_SINKS.splice(EVENT_SINKS.indexOf(throwing), 1);
    }
  });

  it("hands a batch to each sink at once, and when one event keeps failing, retries only that one", async () => {
    const poison = sampleEvent("claim.created", { taskId: 2, seq: 1, data: { agent_id: 2 } });
    const calls: number[] = [];
    const picky: EventSink = {
      name: "picky",
      async deliver(_env, deliveries) {
        calls.push(deliveries.length);
        if (deliveries.some((d) => d.event.task_id === poison.task_id)) throw new Error("cannot take task 2");
      },
    };
    EVENT_SINKS.push(picky);
    try {
      const good = message({ v: 1, event, audience: [] });
      const bad = message({ v: 1, event: poison, audience: [] });
      const batch = createMessageBatch("taskhive-events", [good, bad]);
      await consumeEvents(batch, env);
      const result = await getQueueResult(batch, createExecutionContext());
      expect(calls).toEqual([2, 1, 1]);
      expect(result.explicitAcks).toEqual([good.id]);
      expect(result.retryMessages.map((m) => m.msgId)).toEqual([bad.id]);
    } finally {
      EVENT_SINKS.splice(EVENT_SINKS.indexOf(picky), 1);
    }
  });

  it("records a message it can never read as a dead letter instead of retrying it", async () => {
    const bad = message({ v: 99, nonsense: true });
    const batch = createMessageBatch("taskhive-events", [bad]);
    await consumeEvents(batch, env);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks).toEqual([bad.id]);
    const row = await env.DB.prepare("SELECT queue, body FROM dead_letters WHERE message_id = ?")
      .bind(bad.id)
      .first<{ queue: string; body: string }>();
    expect(row).toEqual({ queue: "taskhive-events", body: JSON.stringify({ v: 99, nonsense: true }) });
  });
});
