// An agent's inbox as a live stream: new tasks in its categories (task.new_match) and the events
// of its claims arrive in order, numbered by the inbox; a redelivered queue message reaches the
// listener once; a listener resumes with `since` and gets exactly what it missed.

import { createExecutionContext, createMessageBatch, evictDurableObject, getQueueResult, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { inboxOf } from "../../../src/contracts/addresses";
import { type InboxEvent, InboxEventSchema, type TaskEvent } from "../../../src/contracts/events";
import type { AgentInbox } from "../../../src/objects/agent-inbox";
import { consumeEvents } from "../../../src/queues/events";
import { type Agent, acceptClaim, call, claim, expectStatus, personWithAgent, postTask, registerPerson } from "../../helpers/api";
import { sampleEvent } from "../../helpers/events";
import { openEvents, openSocket, refusal, requestEvents, type SocketClient, upgrade } from "../../helpers/live";

// Queue consumption lags the test by up to a second; each test matches on a category of its own
// so a task posted by one test never reaches another test's fresh agents.
const QUEUE_WAIT_MS = 10_000;

async function agentIn(category: number): Promise<Agent> {
  const agent = await personWithAgent("Listener");
  await expectStatus(200, "PATCH", "/api/v1/agents/me", agent, { body: { category_ids: [category] } });
  return agent;
}

async function inboxEvents(socket: SocketClient, n: number): Promise<InboxEvent[]> {
  return (await socket.take(n, QUEUE_WAIT_MS)).map((frame) => InboxEventSchema.parse(frame));
}

const line = (e: InboxEvent) => `${e.seq} ${e.type} ${e.task_seq}`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("GET /agents/me/live", () => {
  it("delivers task.new_match for a new task in the agent's category, then its claim's events, in order", async () => {
    const agent = await agentIn(2);
    const poster = await registerPerson("Poster");
    const socket = await openSocket("/api/v1/agents/me/live", agent);

    const task = await postTask(poster, { category_id: 2 });
    const [match] = await inboxEvents(socket, 1);
    expect(match).toMatchObject({ seq: 1, type: "task.new_match", task_id: task.id, data: { task_id: task.id, category_id: 2 } });
    const bid = await claim(agent, task.id);
    await acceptClaim(poster, task.id, bid.id);

    const rest = await inboxEvents(socket, 3);
    expect(rest.map(line)).toEqual(["2 claim.created 2", "3 claim.accepted 3", "4 task.updated 4"]);
    expect(rest[0]).toMatchObject({ id: task.id * 1_000_000 + 2, task_id: task.id, data: { claim_id: bid.id, agent_id: agent.id } });
    await socket.expectQuiet();
  });

  it("reaches the listener once when the queue redelivers a message", async () => {
    const agent = await personWithAgent("Listener");
    const socket = await openSocket("/api/v1/agents/me/live", agent);
    const event: TaskEvent = sampleEvent("claim.rejected", { taskId: 77, seq: 2, data: { agent_id: agent.id } });
    const message = () => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: { v: 1, event, audience: [agent.id] } });

    for (const batch of [createMessageBatch("taskhive-events", [message()]), createMessageBatch("taskhive-events", [message()])]) {
      await consumeEvents(batch, env);
      expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toHaveLength(1);
    }

    expect((await inboxEvents(socket, 1)).map(line)).toEqual(["1 claim.rejected 2"]);
    await socket.expectQuiet();
  });

  it("makes up a pass its inbox never ran: a socket that outlived the instance gets what it missed, once", async () => {
    const agent = await personWithAgent("Listener");
    const socket = await openSocket("/api/v1/agents/me/live", agent);
    const inbox = inboxOf(env, agent.id);
    const rejected = (seq: number) => sampleEvent("claim.rejected", { taskId: 78, seq, data: { agent_id: agent.id } });
    await inbox.deliver([rejected(2)]);
    expect((await inboxEvents(socket, 1)).map(line)).toEqual(["1 claim.rejected 2"]);

    // The instance holds back its pass, as one evicted right after the append would never run it.
    await runInDurableObject(inbox, (instance: AgentInbox) => {
      vi.spyOn(instance["live"], "published").mockImplementation(() => undefined);
    });
    await inbox.deliver([rejected(3)]);
    await evictDurableObject(inbox, { webSockets: "hibernate" });
    await inbox.deliver([rejected(4)]);

    expect((await inboxEvents(socket, 2)).map(line)).toEqual(["2 claim.rejected 3", "3 claim.rejected 4"]);
    await socket.expectQuiet();
  });

  it("resumes with since: exactly the events missed while disconnected, then live ones", async () => {
    const agent = await agentIn(4);
    const poster = await registerPerson("Poster");
    const first = await openSocket("/api/v1/agents/me/live", agent);
    const task = await postTask(poster, { category_id: 4 });
    const bid = await claim(agent, task.id);
    const seen = await inboxEvents(first, 2);
    first.close();
    await first.closed();

    await acceptClaim(poster, task.id, bid.id);
    const resumed = await openSocket(`/api/v1/agents/me/live?since=${seen.at(-1)?.seq ?? 0}`, agent);
    await call("POST", `/api/v1/tasks/${task.id}/start`, agent);

    expect((await inboxEvents(resumed, 3)).map(line)).toEqual(["3 claim.accepted 3", "4 task.updated 4", "5 task.updated 5"]);
    await resumed.expectQuiet();
  });

  it("refuses a since beyond the inbox's end, a person, and a person's ticket", async () => {
    const agent = await personWithAgent("Listener");
    const beyond = await refusal(await upgrade("/api/v1/agents/me/live?since=3", agent));
    expect(beyond).toMatchObject({
      status: 400,
      code: "INVALID_PARAMETER",
      message: "since 3 is beyond the last event of this stream (seq 0)",
    });

    const person = await registerPerson("Person");
    expect(await refusal(await upgrade("/api/v1/agents/me/live", person))).toMatchObject({ status: 403, code: "FORBIDDEN" });
    const { ticket } = await expectStatus<{ ticket: string }>(201, "POST", "/api/v1/realtime/tickets", person);
    expect(await refusal(await requestEvents(`/api/v1/agents/me/events?ticket=${ticket}`, null))).toMatchObject({
      status: 403,
      code: "FORBIDDEN",
    });
  });
});

describe("GET /agents/me/events", () => {
  it("streams the inbox as Server-Sent Events and resumes from Last-Event-ID", async () => {
    const agent = await agentIn(5);
    const poster = await registerPerson("Poster");
    const first = await openEvents("/api/v1/agents/me/events", agent);
    const task = await postTask(poster, { category_id: 5 });
    const bid = await claim(agent, task.id);

    const seen = await first.take(2, QUEUE_WAIT_MS);
    expect(seen.map((e) => `${e.id} ${e.event}`)).toEqual(["1 task.new_match", "2 claim.created"]);
    expect(InboxEventSchema.parse(JSON.parse(seen[1]?.data ?? ""))).toMatchObject({ seq: 2, task_seq: 2, task_id: task.id });
    await first.cancel();

    await acceptClaim(poster, task.id, bid.id);
    const resumed = await openEvents("/api/v1/agents/me/events?since=0", agent, { "last-event-id": seen.at(-1)?.id ?? "" });

    expect((await resumed.take(2, QUEUE_WAIT_MS)).map((e) => `${e.id} ${e.event}`)).toEqual(["3 claim.accepted", "4 task.updated"]);
    await resumed.expectQuiet();
    await resumed.cancel();
  });
});
