/**
 * A live object's Server-Sent Event listeners. Unlike sockets, an open response stream lives
 * in the object's memory, so while one is open the object cannot hibernate (and after an
 * eviction the client reconnects with Last-Event-ID and loses nothing). A comment line goes to
 * every stream at a fixed interval, so proxies and clients can tell a quiet stream from a dead
 * one; the timer runs only while a stream is open. A stream ends when its client goes away
 * (the runtime cancels it) or when it falls too far behind.
 */
import { type Frame, sseText } from "./frame";
import type { Listening } from "./listening";

/** The heartbeat interval; proxies commonly drop connections idle for 30 to 100 seconds. */
export const SSE_HEARTBEAT_MS = 15_000;
/**
 * Unread chunks after which a stream is ended rather than buffered further: a reader that slow
 * costs the object memory for every event, and reconnecting with Last-Event-ID costs it nothing.
 */
export const SSE_MAX_UNREAD = 1_000;

const HEARTBEAT = ": heartbeat\n\n";
const encoder = new TextEncoder();

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
} as const;

interface Stream<L> extends Listening<L> {
  controller: ReadableStreamDefaultController<Uint8Array>;
}

export class SseStreams<L> {
  private readonly streams = new Set<Stream<L>>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly heartbeatMs: number = SSE_HEARTBEAT_MS) {}

  /**
   * A response streaming `backlog` (the log up to `through`), then what passes send it. Registered
   * before this returns (a ReadableStream's `start` runs in its constructor).
   */
  open(listener: L, backlog: readonly Frame[], through: number): Response {
    let stream: Stream<L> | null = null;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        const opened: Stream<L> = {
          listener,
          key: JSON.stringify(listener),
          through,
          controller,
          send: (frames, upTo) => {
            if (frames.length > 0) this.write(opened, frames.map(sseText).join(""));
            opened.through = upTo;
          },
        };
        stream = opened;
        // One chunk, so a long replay counts once against SSE_MAX_UNREAD.
        if (backlog.length > 0) controller.enqueue(encoder.encode(backlog.map(sseText).join("")));
        this.add(opened);
      },
      cancel: () => {
        if (stream) this.remove(stream);
      },
    });
    return new Response(body, { headers: HEADERS });
  }

  /** Every open stream, as a pass sees it. */
  listening(): Listening<L>[] {
    return [...this.streams];
  }

  /** Open streams; what the heartbeat and tests look at. */
  get size(): number {
    return this.streams.size;
  }

  private add(stream: Stream<L>): void {
    this.streams.add(stream);
    this.heartbeat ??= setInterval(() => {
      for (const s of this.streams) this.write(s, HEARTBEAT);
    }, this.heartbeatMs);
  }

  private remove(stream: Stream<L>): void {
    this.streams.delete(stream);
    if (this.streams.size === 0 && this.heartbeat !== null) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private write(stream: Stream<L>, text: string): void {
    const unread = -(stream.controller.desiredSize ?? 0);
    try {
      if (unread >= SSE_MAX_UNREAD) {
        stream.controller.close();
        this.remove(stream);
        return;
      }
      stream.controller.enqueue(encoder.encode(text));
    } catch {
      // Cancelled or errored by the runtime before `cancel` reached us: the client is gone.
      this.remove(stream);
    }
  }
}
