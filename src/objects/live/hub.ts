/**
 * The live side of an object's event log, shared by TaskRoom and AgentInbox: it opens WebSocket
 * and SSE streams for the requests the Worker forwards, replays what a resuming listener
 * missed, and publishes each new event to every listener allowed to see it. The guarantee
 * "nothing lost, nothing twice" rests on one rule: reading the backlog and registering the
 * listener happen in one synchronous step (`open`), and the owner publishes new events in the
 * same synchronous step that appended them. Every event is therefore either in the backlog or
 * published to the registered listener, never both and never neither.
 */
import type { z } from "zod";
import { type Frame, frameOf, type LiveEvent } from "./frame";
import { LiveSockets } from "./sockets";
import { SseStreams } from "./sse";
import { beyondEndResponse, readStreamRequest } from "./stream-request";

/** An object's event log, read synchronously. */
export interface LiveLog<E> {
  lastSeq(): number;
  /** Events after `seq`, oldest first, at most `limit`. */
  eventsSince(seq: number, limit: number): E[];
}

export interface LiveHubOptions<E, L> {
  log: LiveLog<E>;
  /** Validates the listener the Worker states, and the one a socket carries after hibernation. */
  listener: z.ZodType<L>;
  canSee(event: E, listener: L): boolean;
  heartbeatMs?: number;
}

/** Events read per query while replaying; the whole replay still happens in one step. */
const REPLAY_PAGE = 500;

interface Published<E> {
  event: E;
  frame: Frame;
}

export class LiveHub<E extends LiveEvent, L> {
  readonly sockets: LiveSockets<L>;
  readonly streams: SseStreams<L>;

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
    const backlog = since === null ? [] : this.backlog(since, listener);
    return transport === "websocket" ? this.sockets.open(listener, backlog) : this.streams.open(listener, backlog);
  }

  /** Sends newly appended events to the listeners allowed to see them; call it in the step that appended them. */
  publish(events: readonly E[]): void {
    if (events.length === 0) return;
    const published: Published<E>[] = events.map((event) => ({ event, frame: frameOf(event) }));
    const select = (listener: L) => published.filter((p) => this.options.canSee(p.event, listener)).map((p) => p.frame);
    this.sockets.broadcast(select);
    this.streams.broadcast(select);
  }

  private backlog(since: number, listener: L): Frame[] {
    const frames: Frame[] = [];
    for (let from = since; ; ) {
      const page = this.options.log.eventsSince(from, REPLAY_PAGE);
      for (const event of page) if (this.options.canSee(event, listener)) frames.push(frameOf(event));
      const last = page.at(-1);
      if (!last || page.length < REPLAY_PAGE) return frames;
      from = last.seq;
    }
  }
}
