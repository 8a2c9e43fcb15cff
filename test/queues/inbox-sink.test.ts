// The inbox sink: each agent's events of a batch reach its own inbox in one call, in the order
// the queue consumer gave them, whichever deliveries they came in.

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { inboxOf } from "../../src/contracts/addresses";
import type { TaskEvent } from "../../src/contracts/events";
import type { AgentInbox } from "../../src/objects/agent-inbox";
import { inboxSink } from "../../src/queues/inbox-sink";
import { sampleEvent } from "../helpers/events";

const event = (seq: number, type: TaskEvent["type"] = "claim.created"): TaskEvent =>
  sampleEvent(type, { taskId: 88, seq, occurredAt: "2026-11-21T12:00:00.000Z" });

function typesIn(agentId: number): Promise<string[]> {
  return runInDurableObject(inboxOf(env, agentId), (inbox: AgentInbox) =>
    inbox["store"].eventsSince(0, 100).map((e) => `${e.task_seq} ${e.type}`),
  );
}

it("gives each agent its events in the order given, across deliveries", async () => {
  await inboxSink.deliver(env, [
    { event: event(1, "task.created"), agentIds: [] },
    { event: sampleEvent("task.new_match", { taskId: 88, seq: 1, id: 88_999_999 }), agentIds: [2_001, 2_002] },
    { event: event(2), agentIds: [2_002] },
    { event: event(3, "claim.accepted"), agentIds: [2_002, 2_001] },
  ]);

  expect(await typesIn(2_001)).toEqual(["1 task.new_match", "3 claim.accepted"]);
  expect(await typesIn(2_002)).toEqual(["1 task.new_match", "2 claim.created", "3 claim.accepted"]);
});
