/**
 * The live side of an object's event log, shared by TaskRoom and AgentInbox: it opens WebSocket
 * and SSE streams for the requests the Worker forwards, replays what a resuming listener
 * missed, and sends each new event to every listener allowed to see it.
 *
 * "Nothing lost, nothing twice" rests on each listener's `through`: the sequence up to which it
 * has everything. Opening reads the backlog and registers the listener at the log's end in one
 * synchronous step; a publishing pass sends each listener the events after its `through`, read
 * from the log, and moves it on. The pass runs after the step that appended the events, so the
 * object answers its caller without waiting for a thousand sockets, and a long pass yields
 * between slices of listeners so other calls interleave. The mark a finished pass leaves in
 * storage tells a later instance where sockets opened by an earlier one stand (a crash in the
 * middle of a pass can send those it had reached an event twice; never none).
 */
import type { z } from "zod";
import { type Frame, frameOf, type LiveEvent } from "./frame";
import type { Listening } from "./listening";
import { LiveSockets } from "./sockets";
import { SseStreams } from "./sse";
import { beyondEndResponse, readStreamRequest } from "./stream-request";

/** An object's event log, read synchronously, with the mark its publishing passes leave in the same storage. */
export interface LiveLog<E> {
  lastSeq(): number;
  /** Events after `seq`, oldest first, at most `limit`. */
  eventsSince(seq: number, limit: number): E[];
  /** Every listener the last finished pass found had everything up to here (0: no pass yet). */
  publishedThrough(): number;
  markPublished(seq: number): void;
}

export interface LiveHubOptions<E, L> {
  log: LiveLog<E>;
  /** Validates the listener the Worker states, and the one a socket carries after hibernation. */
  listener: z.ZodType<L>;
  canSee(event: E, listener: L): boolean;
  heartbeatMs?: number;
}

interface Published<E> {
  event: E;
  frame: Frame;
}

/** Events read per query from the log; a replay still happens in one step. */
const LOG_PAGE = 500;
/** Listeners sent to before a pass lets other calls in. */
const SLICE = 200;

export class LiveHub<E extends LiveEvent, L> {
  readonly sockets: LiveSockets<L>;
  readonly streams: SseStreams<L>;
  private passing = false;

  constructor(
    ctx: DurableObjectState,
    private readonly options: LiveHubOptions<E, L>,
  ) {
    this.sockets = new LiveSockets(ctx, options.listener);
    this.streams = new SseStreams(options.heartbeatMs);
  }

  /** Answers a forwarded stream request: synchronous from reading the log to registering. */
  open(request: Request): Response {
    const { transport, since, listener } = readStreamRequest(request, this.options.listener);
    const last = this.options.log.lastSeq();
    if (since !== null && since > last) return beyondEndResponse(last);
    const backlog = since === null ? [] : this.frames(since, last, listener, new Map());
    return transport === "websocket" ? this.sockets.open(listener, backlog, last) : this.streams.open(listener, backlog, last);
  }

  /** Events were appended: the listeners receive them shortly, in order, once each. */
  published(): void {
    if (this.passing) return;
    this.passing = true;
    setTimeout(() => void this.run(), 0);
  }

  /** Passes until every listener has the whole log; a failed pass is logged, and the next event retries it. */
  private async run(): Promise<void> {
    try {
      let through: number;
      do through = await this.pass();
      while (through < this.options.log.lastSeq());
    } catch (error) {
      console.error(JSON.stringify({ at: "live.publish", error: String(error) }));
    } finally {
      this.passing = false;
    }
  }

  /** Sends every listener what it lacks up to the log's end now; returns that end. */
  private async pass(): Promise<number> {
    const end = this.options.log.lastSeq();
    const sockets = this.sockets.listening(() => this.options.log.publishedThrough());
    const listeners: Listening<L>[] = [...sockets, ...this.streams.listening()];
    const picked = new Map<string, readonly Frame[]>();
    const read = new Map<number, Published<E>[]>();
    for (const [i, listening] of listeners.entries()) {
      if (i > 0 && i % SLICE === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      if (listening.through >= end) continue;
      const key = `${listening.through} ${listening.key}`;
      let frames = picked.get(key);
      if (!frames) {
        frames = this.frames(listening.through, end, listening.listener, read);
        picked.set(key, frames);
      }
      listening.send(frames, end);
    }
    // Only sockets outlive an instance; a stream ends with it.
    if (sockets.length > 0) this.options.log.markPublished(end);
    return end;
  }

  /** The frames of events after `from` up to `to` that `listener` may see; `read` keeps the log read in this pass. */
  private frames(from: number, to: number, listener: L, read: Map<number, Published<E>[]>): Frame[] {
    let events = read.get(from);
    if (!events) {
      events = [];
      for (let seq = from; seq < to; ) {
        const page = this.options.log.eventsSince(seq, LOG_PAGE).filter((event) => event.seq <= to);
        for (const event of page) events.push({ event, frame: frameOf(event) });
        const last = page.at(-1);
        if (!last) break;
        seq = last.seq;
      }
      read.set(from, events);
    }
    return events.filter((p) => this.options.canSee(p.event, listener)).map((p) => p.frame);
  }
}
