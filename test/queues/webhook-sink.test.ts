// The webhooks sink: which webhooks an event delivery reaches, and idempotency. A redelivered
// event creates no second message; a message still pending is dispatched again under a new
// number (its older queue messages become stale, so one chain of retries runs), and a settled
// one is left alone.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TaskEvent } from "../../src/contracts/events";
import { database } from "../../src/db/client";
import { messagesForEvent } from "../../src/db/webhook-messages";
import { eventPayload } from "../../src/domain/webhook-payload";
import { webhookSink } from "../../src/queues/webhook-sink";
import { expectStatus, personWithAgent } from "../helpers/api";
import { sampleEvent } from "../helpers/events";
import { consumeOnce, messageState, received, receiverName, receiverUrl, registerWebhook } from "../helpers/webhooks";

let nextTask = 900_000;
function event(agentId: number, type: TaskEvent["type"] = "claim.accepted"): TaskEvent {
  nextTask += 1;
  return sampleEvent(type, { taskId: nextTask, seq: 3, data: { agent_id: agentId } });
}

async function messagesOf(webhookId: number) {
  const { results } = await env.DB.prepare(
    "SELECT id, event_id, event_type, status, dispatch FROM webhook_messages WHERE webhook_id = ? ORDER BY id",
  )
    .bind(webhookId)
    .all<{ id: number; event_id: number; event_type: string; status: string; dispatch: number }>();
  return results;
}

describe("webhookSink", () => {
  it("creates one message per subscribed, active webhook of the delivery's agents", async () => {
    const agent = await personWithAgent();
    const bystander = await personWithAgent("Bystander");
    const a = await registerWebhook(agent, receiverUrl("ok", receiverName("sink-a")), ["claim.accepted"]);
    const b = await registerWebhook(agent, receiverUrl("ok", receiverName("sink-b")), ["claim.accepted", "claim.rejected"]);
    const unsubscribed = await registerWebhook(agent, receiverUrl("ok", receiverName("sink-c")), ["claim.rejected"]);
    const theirs = await registerWebhook(bystander, receiverUrl("ok", receiverName("sink-d")), ["claim.accepted"]);
    const e = event(agent.id);

    await webhookSink.deliver(env, [{ event: e, agentIds: [agent.id] }]);

    for (const id of [a.id, b.id])
      expect(await messagesOf(id)).toEqual([expect.objectContaining({ event_id: e.id, event_type: "claim.accepted" })]);
    expect(await messagesOf(unsubscribed.id)).toEqual([]);
    expect(await messagesOf(theirs.id)).toEqual([]);
  });

  it("creates nothing new for a redelivered event", async () => {
    const agent = await personWithAgent();
    const webhook = await registerWebhook(agent, receiverUrl("ok", receiverName("sink-again")), ["claim.accepted"]);
    const e = event(agent.id);
    await webhookSink.deliver(env, [{ event: e, agentIds: [agent.id] }]);
    await webhookSink.deliver(env, [{ event: e, agentIds: [agent.id] }]);
    expect(await messagesOf(webhook.id)).toHaveLength(1);
  });

  it("re-dispatches a message still pending, which makes its older queue messages stale, and leaves a settled one alone", async () => {
    const agent = await personWithAgent();
    const name = receiverName("sink-dispatch");
    await registerWebhook(agent, receiverUrl("ok", name), ["claim.accepted"]);
    const e = event(agent.id);
    // The database half of the sink, which queues nothing: this test plays the queue.
    const fanOut = () =>
      messagesForEvent(database(env.DB), env.DB, e, JSON.stringify(eventPayload(e)), [agent.id], new Date().toISOString());
    const [first] = await fanOut();
    const [second] = await fanOut();
    if (!first || !second) throw new Error("no dispatch");
    expect(second).toEqual({ id: first.id, dispatch: first.dispatch + 1 });

    expect(await consumeOnce(first)).toMatchObject({ acked: true, retried: false });
    expect(await received(name)).toEqual([]);
    expect((await messageState(first.id)).status).toBe("pending");

    expect(await consumeOnce(second)).toMatchObject({ acked: true, retried: false });
    expect(await received(name)).toHaveLength(1);
    const delivered = await messageState(first.id);
    expect(delivered.status).toBe("delivered");

    expect(await fanOut()).toEqual([]);
    expect(await messageState(first.id)).toEqual(delivered);
  });

  it("gives a new_match and a regular event with the same agents separate messages", async () => {
    const agent = await personWithAgent();
    const webhook = await registerWebhook(agent, receiverUrl("ok", receiverName("sink-two")), ["claim.accepted", "task.new_match"]);
    const e = event(agent.id);
    const match: TaskEvent = sampleEvent("task.new_match", { taskId: e.task_id, seq: e.seq, id: e.task_id * 1_000_000 + 999_999 });
    await webhookSink.deliver(env, [
      { event: e, agentIds: [agent.id] },
      { event: match, agentIds: [agent.id] },
    ]);
    expect((await messagesOf(webhook.id)).map((m) => m.event_type)).toEqual(["claim.accepted", "task.new_match"]);
  });

  it("skips deactivated webhooks and handles audiences beyond D1's 100 bound parameters", async () => {
    const agent = await personWithAgent();
    const live = await registerWebhook(agent, receiverUrl("ok", receiverName("sink-live")), ["claim.accepted"]);
    const off = await registerWebhook(agent, receiverUrl("ok", receiverName("sink-off")), ["claim.accepted"]);
    await env.DB.prepare("UPDATE webhooks SET is_active = 0, deactivated_reason = 'gone' WHERE id = ?").bind(off.id).run();
    const crowd = Array.from({ length: 500 }, (_, i) => 5_000_000 + i);
    await webhookSink.deliver(env, [{ event: event(agent.id), agentIds: [...crowd, agent.id] }]);
    expect(await messagesOf(live.id)).toHaveLength(1);
    expect(await messagesOf(off.id)).toEqual([]);
    await expectStatus(200, "GET", "/api/v1/webhooks", agent);
  });
});
