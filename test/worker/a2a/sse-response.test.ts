// A2A streams as Server-Sent Events: a refusal before the first event is a plain JSON answer; a
// quiet stream sends heartbeat comments (proxies cut silent connections) until it ends, and a
// client going away stops the task's stream behind it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { sseResponse } from "../../../src/worker/a2a/sse-response";

const fail = (error: unknown) => ({ error: String(error) });

/** Whether every heartbeat timer started was cleared again. */
function heartbeatTimers() {
  const started = vi.spyOn(globalThis, "setInterval");
  const cleared = vi.spyOn(globalThis, "clearInterval");
  return () => started.mock.results.every(({ value }) => cleared.mock.calls.some(([id]) => id === value));
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Reads the body until `done(text)` holds or it ends; returns everything read. */
async function readUntil(reader: ReadableStreamDefaultReader<string>, soFar: string, done: (text: string) => boolean) {
  let text = soFar;
  while (!done(text)) {
    const next = await reader.read();
    if (next.done) return { text, ended: true };
    text += next.value;
  }
  return { text, ended: false };
}

describe("A2A Server-Sent Events", () => {
  it("answers a refusal raised before the first event as JSON", async () => {
    const refused = (async function* () {
      yield* [];
      throw new Error("not found");
    })();
    const res = await sseResponse(refused, fail, 10);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ error: "Error: not found" });
  });

  it("sends heartbeat comments while nothing happens, then the next event, and stops them at the end", async () => {
    let release = () => {};
    const quiet = new Promise<void>((resolve) => {
      release = resolve;
    });
    const events = (async function* () {
      yield "first";
      await quiet;
      yield "second";
    })();
    const allCleared = heartbeatTimers();
    const res = await sseResponse(events, fail, 10);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    const waiting = await readUntil(reader, "", (text) => text.split(": heartbeat").length > 2);
    expect(waiting.text.startsWith('data: "first"\n\n')).toBe(true);
    release();
    const rest = await readUntil(reader, waiting.text, () => false);
    expect(rest.ended).toBe(true);
    expect(rest.text).toContain('data: "second"\n\n');
    expect(allCleared()).toBe(true);
  });

  it("stops the events behind it when the client goes away", async () => {
    let stopped = false;
    const events = (async function* () {
      try {
        yield "first";
        yield "second";
      } finally {
        stopped = true;
      }
    })();
    const allCleared = heartbeatTimers();
    const res = await sseResponse(events, fail, 10);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    expect(stopped).toBe(true);
    expect(allCleared()).toBe(true);
  });
});
