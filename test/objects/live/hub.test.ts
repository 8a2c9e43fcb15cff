// Publishing after the answer (live/hub.ts): a room answers before its listeners are sent the
// new events, so what must hold is each listener's own account of how far it has been sent. A
// listener that opens between an append and its pass, a pass lost with its instance, and a pass
// long enough to yield between slices of listeners must each still deliver every event once,
// in order.

import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type TaskEvent, TaskEventSchema } from "../../../src/contracts/events";
import type { TaskRoom } from "../../../src/objects/task-room";
import { acceptClaim, call, claim, personWithAgent, postTask, registerPerson } from "../../helpers/api";
import { openSocket, type SocketClient } from "../../helpers/live";

const live = (taskId: number, query = "") => `/api/v1/tasks/${taskId}/live${query}`;

async function seqs(socket: SocketClient, n: number): Promise<string[]> {
  return (await socket.take(n)).map((frame) => {
    const event: TaskEvent = TaskEventSchema.parse(frame);
    return `${event.seq} ${event.type}`;
  });
}

/** Stops the room's current instance from running publishing passes, as if it died before them. */
async function holdPasses(taskId: number): Promise<void> {
  await runInDurableObject(env.TASK_ROOM.getByName(String(taskId)), (room: TaskRoom) => {
    vi.spyOn(room["live"], "published").mockImplementation(() => undefined);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("publishing after the answer", () => {
  it("sends a listener that opened between an append and its pass each event once: the backlog had it", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const task = await postTask(poster);
    const early = await openSocket(live(task.id), poster);
    await holdPasses(task.id);
    const bid = await claim(agent, task.id);
    // claim.created (seq 2) is in the log, not yet sent to anyone.
    const late = await openSocket(live(task.id, "?since=0"), poster);
    expect(await seqs(late, 2)).toEqual(["1 task.created", "2 claim.created"]);
    vi.restoreAllMocks();

    await acceptClaim(poster, task.id, bid.id);

    expect(await seqs(early, 3)).toEqual(["2 claim.created", "3 claim.accepted", "4 task.updated"]);
    expect(await seqs(late, 2)).toEqual(["3 claim.accepted", "4 task.updated"]);
    await Promise.all([early.expectQuiet(), late.expectQuiet()]);
  });

  it("makes up a pass its instance never ran: sockets that outlived it get what they missed, once", async () => {
    const poster = await registerPerson("Poster");
    const agent = await personWithAgent();
    const task = await postTask(poster);
    const room = env.TASK_ROOM.getByName(String(task.id));
    const socket = await openSocket(live(task.id), poster);
    const bid = await claim(agent, task.id);
    expect(await seqs(socket, 1)).toEqual(["2 claim.created"]);

    await holdPasses(task.id);
    await acceptClaim(poster, task.id, bid.id);
    await evictDurableObject(room, { webSockets: "hibernate" });
    await call("POST", `/api/v1/tasks/${task.id}/start`, agent);

    expect(await seqs(socket, 3)).toEqual(["3 claim.accepted", "4 task.updated", "5 task.updated"]);
    await socket.expectQuiet();
  });

  it("reaches every one of more listeners than a pass sends to at once, each kind its own events, in order", async () => {
    const [poster, first, second] = await Promise.all([registerPerson("Poster"), registerPerson("Watcher"), registerPerson("Watcher")]);
    const agent = await personWithAgent();
    const task = await postTask(poster);
    // More than one slice of listeners (SLICE = 200 in live/hub.ts), within each caller's rate limit.
    const open = (caller: typeof poster, n: number) => Promise.all(Array.from({ length: n }, () => openSocket(live(task.id), caller)));
    const [posters, strangers] = await Promise.all([open(poster, 70), Promise.all([open(first, 80), open(second, 80)])]);

    const bid = await claim(agent, task.id);
    await acceptClaim(poster, task.id, bid.id);

    const posterGot = await Promise.all(posters.map((socket) => seqs(socket, 3)));
    const strangerGot = await Promise.all(strangers.flat().map((socket) => seqs(socket, 1)));
    expect(new Set(posterGot.map((got) => got.join(", ")))).toEqual(new Set(["2 claim.created, 3 claim.accepted, 4 task.updated"]));
    expect(new Set(strangerGot.map((got) => got.join(", ")))).toEqual(new Set(["4 task.updated"]));
    expect(posterGot.length + strangerGot.length).toBe(230);
    await Promise.all([posters[0]?.expectQuiet(), strangers[0]?.[0]?.expectQuiet()]);
    for (const socket of [...posters, ...strangers.flat()]) socket.close();
  });
});
