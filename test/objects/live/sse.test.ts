// The SSE side of a live object, on its own: the wire format, a heartbeat at a fixed interval
// that runs only while a stream is open, and a reader that falls too far behind being cut off
// rather than buffered without bound.
import { describe, expect, it, vi } from "vitest";
import { type Frame, frameOf } from "../../../src/objects/live/frame";
import { SSE_MAX_UNREAD, SseStreams } from "../../../src/objects/live/sse";
import { EventStreamClient } from "../../helpers/live";

const HEARTBEAT_MS = 40;
const frame = (seq: number, type = "task.updated") => frameOf({ seq, type });
/** What a publishing pass does: each stream gets what `pick` gives its listener, up to `upTo`. */
function pass(streams: SseStreams<string>, pick: (listener: string) => Frame[], upTo: number): void {
  for (const listening of streams.listening()) listening.send(pick(listening.listener), upTo);
}

describe("SseStreams", () => {
  it("writes the backlog, then each broadcast, as id/event/data blocks", async () => {
    const streams = new SseStreams<string>(60_000);
    const client = new EventStreamClient(streams.open("poster", [frame(1, "task.created"), frame(2, "claim.created")], 2));
    expect(streams.listening().map((l) => l.through)).toEqual([2]);

    pass(streams, () => [frame(3)], 3);
    expect(streams.listening().map((l) => l.through)).toEqual([3]);

    const received = await client.take(3);
    expect(received.map((e) => `${e.id} ${e.event}`)).toEqual(["1 task.created", "2 claim.created", "3 task.updated"]);
    expect(JSON.parse(received[2]?.data ?? "")).toEqual({ seq: 3, type: "task.updated" });
    await client.cancel();
  });

  it("sends each stream only what its listener selects", async () => {
    const streams = new SseStreams<string>(60_000);
    const poster = new EventStreamClient(streams.open("poster", [], 1));
    const stranger = new EventStreamClient(streams.open("stranger", [], 1));

    pass(streams, (listener) => (listener === "poster" ? [frame(2, "claim.created"), frame(3)] : [frame(3)]), 3);

    expect((await poster.take(2)).map((e) => e.id)).toEqual(["2", "3"]);
    expect((await stranger.take(1)).map((e) => e.id)).toEqual(["3"]);
    await stranger.expectQuiet(100);
    await Promise.all([poster.cancel(), stranger.cancel()]);
  });

  it("sends a heartbeat comment at the interval while a stream is open, and stops once none is", async () => {
    const streams = new SseStreams<string>(HEARTBEAT_MS);
    const client = new EventStreamClient(streams.open("poster", [], 0));

    expect(await client.nextComment(HEARTBEAT_MS * 5)).toBe("heartbeat");
    expect(await client.nextComment(HEARTBEAT_MS * 5)).toBe("heartbeat");
    const cleared = vi.spyOn(globalThis, "clearInterval");
    await client.cancel();

    expect(streams.size).toBe(0);
    expect(cleared).toHaveBeenCalledTimes(1);
    cleared.mockRestore();
    const later = new EventStreamClient(streams.open("poster", [], 0));
    // A new stream gets its own heartbeat again: the timer restarts with the first stream.
    expect(await later.nextComment(HEARTBEAT_MS * 5)).toBe("heartbeat");
    await later.cancel();
    expect(streams.size).toBe(0);
  });

  it("ends a stream whose reader stops reading, after what it had queued", async () => {
    const streams = new SseStreams<string>(60_000);
    const response = streams.open("slow", [], 0);
    for (let seq = 1; seq <= SSE_MAX_UNREAD + 5; seq += 1) pass(streams, () => [frame(seq)], seq);

    expect(streams.size).toBe(0);
    const text = await response.text();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids[0]).toBe(1);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(ids.length).toBeLessThan(SSE_MAX_UNREAD + 5);
  });
});
