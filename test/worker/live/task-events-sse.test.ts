// A task's Server-Sent Events stream: the same events as the WebSocket, as `id`/`event`/`data`
// blocks in sequence order; resumable with since or Last-Event-ID (the header wins); and a
// client that goes away is forgotten by the room.

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { TaskEventSchema } from "../../../src/contracts/events";
import type { TaskRoom } from "../../../src/objects/task-room";
import { acceptClaim, call, claim, personWithAgent, postTask, registerPerson } from "../../helpers/api";
import { openEvents, refusal, requestEvents, type ServerSentEvent } from "../../helpers/live";

const stream = (taskId: number, query = "") => `/api/v1/tasks/${taskId}/events${query}`;
const summary = (e: ServerSentEvent) => `${e.id ?? "-"} ${e.event ?? "-"}`;

function openStreamsOf(taskId: number): Promise<number> {
  return runInDurableObject(env.TASK_ROOM.getByName(String(taskId)), (room: TaskRoom) => room["live"].streams.size);
}

describe("GET /tasks/{id}/events", () => {
  it("streams the task's events in sequence order, id = seq, event = type, data = the TaskEvent", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const task = await postTask(poster);
    const events = await openEvents(stream(task.id), poster);

    const bid = await claim(agent, task.id);
    await acceptClaim(poster, task.id, bid.id);

    const received = await events.take(3);
    expect(received.map(summary)).toEqual(["2 claim.created", "3 claim.accepted", "4 task.updated"]);
    const data = received.map((e) => TaskEventSchema.parse(JSON.parse(e.data)));
    expect(data.map((d) => `${d.seq} ${d.type}`)).toEqual(["2 claim.created", "3 claim.accepted", "4 task.updated"]);
    expect(data[0]?.data).toMatchObject({ claim_id: bid.id, agent_id: agent.id });
    await events.expectQuiet();
    await events.cancel();
  });

  it("shows a stranger only the task's public events", async () => {
    const poster = await registerPerson("Poster");
    const [worker, stranger] = await Promise.all([personWithAgent("Worker"), personWithAgent("Stranger")]);
    const task = await postTask(poster);
    const events = await openEvents(stream(task.id), stranger);

    const bid = await claim(worker, task.id);
    await acceptClaim(poster, task.id, bid.id);

    expect((await events.take(1)).map(summary)).toEqual(["4 task.updated"]);
    await events.expectQuiet();
    await events.cancel();
  });

  it("forgets a stream whose client went away, and keeps serving the others", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const task = await postTask(poster);
    const leaving = await openEvents(stream(task.id), poster);
    const staying = await openEvents(stream(task.id), poster);
    expect(await openStreamsOf(task.id)).toBe(2);

    await leaving.cancel();

    await vi.waitFor(async () => expect(await openStreamsOf(task.id)).toBe(1), { timeout: 5_000, interval: 50 });
    await claim(agent, task.id);
    expect((await staying.take(1)).map(summary)).toEqual(["2 claim.created"]);
    await staying.cancel();
    await vi.waitFor(async () => expect(await openStreamsOf(task.id)).toBe(0), { timeout: 5_000, interval: 50 });
  });
});

describe("resuming a task's event stream", () => {
  it("with since, yields exactly the events missed while away", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const task = await postTask(poster);
    const first = await openEvents(stream(task.id), poster);
    const bid = await claim(agent, task.id);
    const seen = await first.take(1);
    await first.cancel();

    await acceptClaim(poster, task.id, bid.id);
    const resumed = await openEvents(stream(task.id, `?since=${seen.at(-1)?.id ?? ""}`), poster);
    await call("POST", `/api/v1/tasks/${task.id}/start`, agent);

    expect((await resumed.take(3)).map(summary)).toEqual(["3 claim.accepted", "4 task.updated", "5 task.updated"]);
    await resumed.expectQuiet();
    await resumed.cancel();
  });

  it("with Last-Event-ID, which takes precedence over the since an EventSource URL keeps", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const task = await postTask(poster);
    const bid = await claim(agent, task.id);
    await acceptClaim(poster, task.id, bid.id);

    const resumed = await openEvents(stream(task.id, "?since=0"), poster, { "last-event-id": "3" });

    expect((await resumed.take(1)).map(summary)).toEqual(["4 task.updated"]);
    await resumed.expectQuiet();
    await resumed.cancel();
  });

  it("refuses a resume point beyond the end of the log, naming the parameter and the last sequence", async () => {
    const poster = await registerPerson("Poster");
    const task = await postTask(poster);

    const bySince = await refusal(await requestEvents(stream(task.id, "?since=9"), poster));
    expect(bySince).toMatchObject({
      status: 400,
      code: "INVALID_PARAMETER",
      message: "since 9 is beyond the last event of this stream (seq 1)",
    });
    const byHeader = await refusal(await requestEvents(stream(task.id), poster, { "last-event-id": "2" }));
    expect(byHeader.message).toBe("Last-Event-ID 2 is beyond the last event of this stream (seq 1)");
    const malformed = await refusal(await requestEvents(stream(task.id), poster, { "last-event-id": "two" }));
    expect(malformed).toMatchObject({ status: 400, code: "INVALID_PARAMETER" });
  });

  it("answers 404 for a task that does not exist", async () => {
    const poster = await registerPerson("Poster");
    expect(await refusal(await requestEvents(stream(999_999), poster))).toMatchObject({ status: 404, code: "TASK_NOT_FOUND" });
  });
});
