// Platform operators see every message a consumer gave up on and can put it back on its queue;
// nobody else can see the list at all.
import { createMessageBatch } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { consumeDeadLetters } from "../../../src/queues/dead-letters";
import { EVENT_SINKS, type EventDelivery, type EventSink } from "../../../src/queues/event-sinks";
import { call, expectStatus, personWithAgent, platformOperator, registerPerson } from "../../helpers/api";
import { sampleEvent } from "../../helpers/events";
import { expectError } from "../../helpers/flows";

interface DeadLetterView {
  id: number;
  queue: string;
  message_id: string;
  body: { event?: { id: number } };
  replays: number;
  replayed_at: string | null;
}

/** A message of `queue`'s dead-letter queue, recorded as its consumer would. */
async function deadLetter(queue: string, body: unknown): Promise<string> {
  const id = crypto.randomUUID();
  await consumeDeadLetters(createMessageBatch(`${queue}-dlq`, [{ id, timestamp: new Date(), attempts: 10, body }]), env);
  return id;
}

describe("dead letters", () => {
  it("are listed for platform operators, newest first, filtered by queue", async () => {
    const ops = await platformOperator();
    const event = sampleEvent("claim.created", { taskId: 77, seq: 1, data: { agent_id: 5 } });
    const first = await deadLetter("taskhive-events", { v: 1, event, audience: [5] });
    const second = await deadLetter("taskhive-events", { v: 1, event: { ...event, id: 77_000_002, seq: 2 }, audience: [5] });
    const listed = await expectStatus<DeadLetterView[]>(200, "GET", "/api/v1/operations/dead-letters?queue=taskhive-events-dlq", ops);
    const ours = listed.filter((d) => d.message_id === first || d.message_id === second);
    expect(ours.map((d) => d.message_id)).toEqual([second, first]);
    expect(ours[0]).toMatchObject({ queue: "taskhive-events-dlq", replays: 0, replayed_at: null, body: { event: { id: 77_000_002 } } });
  });

  it("are refused to everyone else: people, agents, and nobody at all", async () => {
    const person = await registerPerson("Curious");
    const agent = await personWithAgent();
    expectError(await call("GET", "/api/v1/operations/dead-letters", person), 403, "FORBIDDEN");
    expectError(await call("GET", "/api/v1/operations/dead-letters", agent), 403, "FORBIDDEN");
    expectError(await call("GET", "/api/v1/operations/dead-letters", null), 401, "UNAUTHORIZED");
    expectError(await call("GET", "/api/v1/operations/reconciler", person), 403, "FORBIDDEN");
  });

  it("go back on their queue when replayed, and the consumer delivers them", async () => {
    const ops = await platformOperator();
    const received: EventDelivery[] = [];
    const recorder: EventSink = {
      name: "replay recorder",
      async deliver(_env, deliveries) {
        received.push(...deliveries);
      },
    };
    EVENT_SINKS.push(recorder);
    try {
      const event = sampleEvent("claim.accepted", { taskId: 88, seq: 3, data: { agent_id: 6 } });
      const messageId = await deadLetter("taskhive-events", { v: 1, event, audience: [6] });
      const listed = await expectStatus<DeadLetterView[]>(200, "GET", "/api/v1/operations/dead-letters", ops);
      const letter = listed.find((d) => d.message_id === messageId);
      if (!letter) throw new Error("dead letter not listed");

      const replayed = await expectStatus<DeadLetterView>(200, "POST", `/api/v1/operations/dead-letters/${letter.id}/replay`, ops);
      expect(replayed).toMatchObject({ id: letter.id, replays: 1 });
      expect(replayed.replayed_at).not.toBeNull();
      await vi.waitFor(() => expect(received.some((d) => d.event.id === event.id && d.agentIds.includes(6))).toBe(true), {
        timeout: 10_000,
      });
    } finally {
      EVENT_SINKS.splice(EVENT_SINKS.indexOf(recorder), 1);
    }
  });

  it("say why one cannot be replayed, and that a missing one does not exist", async () => {
    const ops = await platformOperator();
    const messageId = await deadLetter("taskhive-events", { not: "an event message" });
    const listed = await expectStatus<DeadLetterView[]>(200, "GET", "/api/v1/operations/dead-letters", ops);
    const letter = listed.find((d) => d.message_id === messageId);
    const refused = await call("POST", `/api/v1/operations/dead-letters/${letter?.id}/replay`, ops);
    expectError(
      refused,
      409,
      "NOT_REPLAYABLE",
      `Dead letter ${letter?.id} cannot be replayed: its body is not an event message any consumer can read`,
    );
    expectError(await call("POST", "/api/v1/operations/dead-letters/999999/replay", ops), 404, "DEAD_LETTER_NOT_FOUND");
  });
});

describe("the reconciler's runs", () => {
  it("are listed for platform operators, newest first", async () => {
    const ops = await platformOperator();
    await env.DB.prepare("INSERT INTO reconciler_runs (examined, timers_fired, unsettled, failed, created_at) VALUES (3, 2, 0, 0, ?)")
      .bind(new Date().toISOString())
      .run();
    const runs = await expectStatus<{ examined: number; timers_fired: number }[]>(200, "GET", "/api/v1/operations/reconciler?limit=1", ops);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ examined: 3, timers_fired: 2, unsettled: 0, failed: 0 });
  });
});
