// A task's WebSocket stream: events arrive in sequence order, each listener sees exactly what it
// could read over HTTP, a socket survives its room's hibernation, and a listener that
// reconnects with `since` receives exactly what it missed.

import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type TaskEvent, TaskEventSchema } from "../../../src/contracts/events";
import { STREAM_REQUEST_HEADER, streamRequestHeader } from "../../../src/objects/live/stream-request";
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
} from "../../helpers/api";
import { openSocket, refusal, type SocketClient, upgrade } from "../../helpers/live";

const live = (taskId: number, query = "") => `/api/v1/tasks/${taskId}/live${query}`;

async function events(socket: SocketClient, n: number): Promise<TaskEvent[]> {
  return (await socket.take(n)).map((frame) => TaskEventSchema.parse(frame));
}

describe("GET /tasks/{id}/live", () => {
  it("sends every event of the task, in sequence order, as TaskEvent JSON", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const task = await postTask(poster);
    const socket = await openSocket(live(task.id), poster);

    const bid = await claim(agent, task.id);
    await acceptClaim(poster, task.id, bid.id);
    const work = await deliver(agent, task.id);
    await acceptDeliverable(poster, task.id, work.id);

    const received = await events(socket, 7);
    expect(received.map((e) => e.seq)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(received.map((e) => e.type)).toEqual([
      "claim.created",
      "claim.accepted",
      "task.updated",
      "deliverable.submitted",
      "task.updated",
      "deliverable.accepted",
      "task.updated",
    ]);
    expect(received.every((e) => e.task_id === task.id && e.id === task.id * 1_000_000 + e.seq)).toBe(true);
    await socket.expectQuiet();
    socket.close();
  });

  it("shows a stranger's agent the task's status but not other agents' claims; the poster and the claimant see theirs", async () => {
    const poster = await registerPerson("Poster");
    const [worker, rival, stranger] = await Promise.all([personWithAgent("Worker"), personWithAgent("Rival"), personWithAgent("Stranger")]);
    const task = await postTask(poster);
    const sockets = {
      poster: await openSocket(live(task.id), poster),
      worker: await openSocket(live(task.id), worker),
      rivalsOperator: await openSocket(live(task.id), rival.operator),
      stranger: await openSocket(live(task.id), stranger),
    };

    await claim(rival, task.id);
    const bid = await claim(worker, task.id);
    await acceptClaim(poster, task.id, bid.id);

    const types = async (socket: SocketClient, n: number) => (await events(socket, n)).map((e) => `${e.seq} ${e.type}`);
    expect(await types(sockets.poster, 5)).toEqual([
      "2 claim.created",
      "3 claim.created",
      "4 claim.accepted",
      "5 claim.rejected",
      "6 task.updated",
    ]);
    expect(await types(sockets.worker, 3)).toEqual(["3 claim.created", "4 claim.accepted", "6 task.updated"]);
    // A person sees the claims of the agents they operate.
    expect(await types(sockets.rivalsOperator, 3)).toEqual(["2 claim.created", "5 claim.rejected", "6 task.updated"]);
    expect(await types(sockets.stranger, 1)).toEqual(["6 task.updated"]);
    for (const socket of Object.values(sockets)) await socket.expectQuiet(100);
  });

  it("ignores a client's own copy of the internal header that states who is listening", async () => {
    const poster = await registerPerson("Poster");
    const [worker, stranger] = await Promise.all([personWithAgent("Worker"), personWithAgent("Stranger")]);
    const task = await postTask(poster);
    const claimsToBePoster = streamRequestHeader({
      v: 1,
      transport: "websocket",
      since: 0,
      listener: { isPoster: true, agentIds: [worker.id] },
    });
    const socket = await openSocket(live(task.id), stranger, { [STREAM_REQUEST_HEADER]: claimsToBePoster });

    const bid = await claim(worker, task.id);
    await acceptClaim(poster, task.id, bid.id);

    expect((await events(socket, 1)).map((e) => `${e.seq} ${e.type}`)).toEqual(["4 task.updated"]);
    await socket.expectQuiet(100);
  });

  it("counts an agent acting for the poster's person as the poster", async () => {
    const poster = await registerPerson("Poster");
    const postersAgent = await createAgent(poster);
    const worker = await personWithAgent();
    const task = await postTask(poster);
    const socket = await openSocket(live(task.id), postersAgent);

    await claim(worker, task.id);

    expect((await events(socket, 1)).map((e) => e.type)).toEqual(["claim.created"]);
  });

  it("keeps a socket through the room's hibernation: the next command's event still arrives, still filtered", async () => {
    const poster = await registerPerson("Poster");
    const [worker, stranger] = await Promise.all([personWithAgent("Worker"), personWithAgent("Stranger")]);
    const task = await postTask(poster);
    const watching = await openSocket(live(task.id), stranger);
    const room = env.TASK_ROOM.getByName(String(task.id));

    await evictDurableObject(room, { webSockets: "hibernate" });
    const bid = await claim(worker, task.id);
    await evictDurableObject(room, { webSockets: "hibernate" });
    await acceptClaim(poster, task.id, bid.id);

    // The claim's events stay hidden after the listener comes back from its attachment.
    expect((await events(watching, 1)).map((e) => `${e.seq} ${e.type}`)).toEqual(["4 task.updated"]);
    await watching.expectQuiet(100);
  });

  it("answers ping with pong and closes a socket that sends anything else", async () => {
    const poster = await registerPerson("Poster");
    const task = await postTask(poster);
    const socket = await openSocket(live(task.id), poster);
    const room = env.TASK_ROOM.getByName(String(task.id));
    await evictDurableObject(room, { webSockets: "hibernate" });

    socket.socket.send("ping");
    expect(await socket.nextText()).toBe("pong");
    socket.socket.send("hello");
    expect((await socket.closed()).code).toBe(1003);
  });
});

describe("resuming a task's WebSocket with since", () => {
  it("yields exactly the events missed while disconnected, then live ones", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const task = await postTask(poster);
    const first = await openSocket(live(task.id), poster);
    const bid = await claim(agent, task.id);
    const seen = await events(first, 1);
    first.close();
    await first.closed();

    await acceptClaim(poster, task.id, bid.id);
    await call("POST", `/api/v1/tasks/${task.id}/start`, agent);
    const last = seen.at(-1)?.seq ?? 0;
    const resumed = await openSocket(live(task.id, `?since=${last}`), poster);
    const work = await deliver(agent, task.id);

    const received = await events(resumed, 5);
    expect(received.map((e) => e.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(received.map((e) => e.type)).toEqual([
      "claim.accepted",
      "task.updated",
      "task.updated",
      "deliverable.submitted",
      "task.updated",
    ]);
    expect(received[3]).toMatchObject({ type: "deliverable.submitted", data: { deliverable_id: work.id } });
    await resumed.expectQuiet();
  });

  it("replays only what the listener may see", async () => {
    const poster = await registerPerson("Poster");
    const [worker, stranger] = await Promise.all([personWithAgent("Worker"), personWithAgent("Stranger")]);
    const task = await postTask(poster);
    const bid = await claim(worker, task.id);
    await acceptClaim(poster, task.id, bid.id);

    const socket = await openSocket(live(task.id, "?since=0"), stranger);

    expect((await events(socket, 2)).map((e) => `${e.seq} ${e.type}`)).toEqual(["1 task.created", "4 task.updated"]);
    await socket.expectQuiet();
  });

  it("refuses a since beyond the end of the log, naming the last sequence, without upgrading", async () => {
    const poster = await registerPerson("Poster");
    const task = await postTask(poster);

    const refused = await refusal(await upgrade(live(task.id, "?since=5"), poster));

    expect(refused).toMatchObject({
      status: 400,
      code: "INVALID_PARAMETER",
      message: "since 5 is beyond the last event of this stream (seq 1)",
    });
    expect(refused.suggestion).toContain("since=1");
    const malformed = await refusal(await upgrade(live(task.id, "?since=-1"), poster));
    expect(malformed).toMatchObject({ status: 400, code: "INVALID_PARAMETER", message: "since must be ≥ 0", suggestion: "Use since ≥ 0" });
  });
});
