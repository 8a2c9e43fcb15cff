// AgentInbox on its own: deliveries are appended in the order given with the inbox's own
// sequence, a redelivered batch adds nothing, only the last INBOX_CAPACITY events are kept,
// and nothing but a list of task events, or a listener for its own agent, is accepted.

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { inboxOf } from "../../src/contracts/addresses";
import type { EventType, InboxEvent, TaskEvent } from "../../src/contracts/events";
import { INBOX_CAPACITY } from "../../src/domain/inbox";
import type { AgentInbox } from "../../src/objects/agent-inbox";
import { STREAM_REQUEST_HEADER, streamRequestHeader } from "../../src/objects/live/stream-request";
import { sampleEvent } from "../helpers/events";

let nextAgent = 1_000;
const freshInbox = () => {
  nextAgent += 1;
  return inboxOf(env, nextAgent);
};

function event(taskId: number, seq: number, type: EventType = "claim.created"): TaskEvent {
  return sampleEvent(type, { taskId, seq, occurredAt: "2026-11-21T12:00:00.000Z", data: { agent_id: 7 } });
}

function held(inbox: DurableObjectStub<AgentInbox>): Promise<InboxEvent[]> {
  return runInDurableObject(inbox, (instance: AgentInbox) => instance["store"].eventsSince(0, INBOX_CAPACITY * 2));
}

describe("AgentInbox.deliver", () => {
  it("appends events in the order given, numbered by the inbox, with the task's own sequence", async () => {
    const inbox = freshInbox();
    expect(await inbox.deliver([event(5, 1, "task.new_match"), event(9, 3), event(5, 2)])).toEqual({ delivered: 3 });
    expect(await inbox.deliver([event(9, 4, "claim.accepted")])).toEqual({ delivered: 1 });

    const entries = await held(inbox);
    expect(entries.map((e) => [e.seq, e.task_id, e.task_seq, e.type])).toEqual([
      [1, 5, 1, "task.new_match"],
      [2, 9, 3, "claim.created"],
      [3, 5, 2, "claim.created"],
      [4, 9, 4, "claim.accepted"],
    ]);
    expect(entries[0]).toMatchObject({ id: 5_000_001, occurred_at: "2026-11-21T12:00:00.000Z", data: { task_id: 5 } });
    expect(entries[1]).toMatchObject({ id: 9_000_003, data: { agent_id: 7 } });
  });

  it("adds nothing for a redelivered batch, and only the new events of an overlapping one", async () => {
    const inbox = freshInbox();
    const batch = [event(5, 1), event(5, 2)];
    await inbox.deliver(batch);

    expect(await inbox.deliver(batch)).toEqual({ delivered: 0 });
    expect(await inbox.deliver([event(5, 2), event(5, 3)])).toEqual({ delivered: 1 });
    expect((await held(inbox)).map((e) => e.task_seq)).toEqual([1, 2, 3]);
  });

  it("tells an event from its new_match by type, though they share a task", async () => {
    const inbox = freshInbox();
    const created = event(5, 1, "task.created");
    await inbox.deliver([created, sampleEvent("task.new_match", { taskId: 5, seq: 1 })]);
    expect((await held(inbox)).map((e) => e.type)).toEqual(["task.created", "task.new_match"]);
  });

  it(`keeps only the last ${INBOX_CAPACITY} events`, async () => {
    const inbox = freshInbox();
    const total = INBOX_CAPACITY + 30;
    for (let from = 1; from <= total; from += 100) {
      await inbox.deliver(Array.from({ length: Math.min(100, total - from + 1) }, (_, i) => event(5, from + i)));
    }
    const entries = await held(inbox);
    expect(entries).toHaveLength(INBOX_CAPACITY);
    expect(entries[0]?.seq).toBe(31);
    expect(entries.at(-1)?.seq).toBe(total);
  });

  it("refuses anything but a list of task events", async () => {
    const inbox = freshInbox();
    // Called inside the object, so the refusal is caught here rather than reported as an RPC failure.
    await runInDurableObject(inbox, (instance: AgentInbox) => {
      expect(() => instance.deliver([{ id: 1, type: "claim.created" }])).toThrow(/expected number/);
      expect(() => instance.deliver([])).toThrow(/>=1 items/);
    });
    expect(await held(inbox)).toEqual([]);
  });
});

describe("AgentInbox streams", () => {
  it("refuse a listener for another agent, and a request that did not come through the Worker", async () => {
    const header = streamRequestHeader({ v: 1, transport: "sse", since: null, listener: { agentId: 1 } });
    await runInDurableObject(freshInbox(), (instance: AgentInbox) => {
      expect(() => instance.fetch(new Request("http://inbox/", { headers: { [STREAM_REQUEST_HEADER]: header } }))).toThrow(
        /this inbox is agent:/,
      );
      expect(() => instance.fetch(new Request("http://inbox/"))).toThrow(/X-TaskHive-Stream is missing/);
    });
  });
});
