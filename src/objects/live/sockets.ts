/**
 * A live object's WebSocket listeners, through the hibernation API: the runtime holds the
 * sockets while the object sleeps, answers "ping" with "pong" without waking it, and wakes it
 * only to deliver a message or a close. Nothing about a listener needs to live in memory: who is
 * listening, and from which sequence, travels with the socket as a versioned attachment,
 * validated when first read, since after hibernation it comes back from outside this instance.
 */
import { z } from "zod";
import type { Frame } from "./frame";
import type { Listening } from "./listening";

/** Tags this module's sockets, so `getWebSockets` returns only them. */
const TAG = "live";
const PING = "ping";

/** Close codes (RFC 6455 §7.4.1). */
const NORMAL = 1000;
const UNSUPPORTED_DATA = 1003;
const INTERNAL_ERROR = 1011;

/** `from`: the sequence the socket was opened at (its backlog went up to it). */
interface Attachment<L> {
  v: 2;
  listener: L;
  from: number;
}

export class LiveSockets<L> {
  private readonly attachment: z.ZodType<Attachment<L>>;
  /** Sockets already read in this instance, with how far each was sent: a pass reads no attachment twice. */
  private readonly known = new WeakMap<WebSocket, Listening<L>>();

  constructor(
    private readonly ctx: DurableObjectState,
    listener: z.ZodType<L>,
  ) {
    this.attachment = z.object({ v: z.literal(2), listener, from: z.number().int().nonnegative() });
    // Keep-alives from clients are answered by the runtime, so they never wake the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, "pong"));
  }

  /**
   * Accepts a socket for `listener` and queues `backlog` (the log up to `through`) on it before
   * any live frame; passes send it only what follows `through`.
   */
  open(listener: L, backlog: readonly Frame[], through: number): Response {
    const pair = new WebSocketPair();
    const client = pair[0];
    const server = pair[1];
    this.ctx.acceptWebSocket(server, [TAG]);
    const attachment: Attachment<L> = { v: 2, listener, from: through };
    server.serializeAttachment(attachment);
    for (const frame of backlog) send(server, frame.json);
    this.known.set(server, listeningOn(server, listener, through));
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * Every open socket as a pass sees it. One this instance has not yet met (it was opened by an
   * earlier one) was sent everything up to the later of its opening and `earlier()`, the mark
   * the last finished pass left in storage.
   */
  listening(earlier: () => number): Listening<L>[] {
    const out: Listening<L>[] = [];
    for (const ws of this.ctx.getWebSockets(TAG)) {
      const known = this.known.get(ws) ?? this.meet(ws, earlier);
      if (known) out.push(known);
    }
    return out;
  }

  /** Listeners only listen; anything but the auto-answered ping is a client bug worth a clear close. */
  onMessage(ws: WebSocket): void {
    ws.close(UNSUPPORTED_DATA, `This stream is read-only; send only "${PING}" as a keep-alive`);
  }

  /**
   * Completes the closing handshake the client started. The runtime may already have answered
   * (compatibility date ≥ 2026-04-07), in which case this call is ignored; answering with 1000
   * avoids the codes a server may not send (1005, 1006, 1015).
   */
  onClose(ws: WebSocket): void {
    ws.close(NORMAL, "Closed");
  }

  onError(ws: WebSocket, error: unknown): void {
    console.error(
      JSON.stringify({ at: "live.socket", listener: this.attachment.safeParse(ws.deserializeAttachment()).data, error: String(error) }),
    );
  }

  /** A socket from an earlier instance, or null (and the socket closed) when its attachment is unreadable. */
  private meet(ws: WebSocket, earlier: () => number): Listening<L> | null {
    const parsed = this.attachment.safeParse(ws.deserializeAttachment());
    if (parsed.success) {
      const { listener, from } = parsed.data;
      const known = listeningOn(ws, listener, Math.max(from, earlier()));
      this.known.set(ws, known);
      return known;
    }
    // E.g. written by an older deployment: the client reconnects with `since` and loses nothing.
    ws.close(INTERNAL_ERROR, "Stream state unreadable; reconnect with since=<last seq>");
    return null;
  }
}

function listeningOn<L>(ws: WebSocket, listener: L, through: number): Listening<L> {
  const listening: Listening<L> = {
    listener,
    key: JSON.stringify(listener),
    through,
    send(frames, upTo) {
      for (const frame of frames) send(ws, frame.json);
      listening.through = upTo;
    },
  };
  return listening;
}

/** A socket the client is closing may refuse frames; its close handler ends it, so that is not an error. */
function send(ws: WebSocket, text: string): void {
  try {
    ws.send(text);
  } catch (error) {
    console.warn(JSON.stringify({ at: "live.socket.send", readyState: ws.readyState, error: String(error) }));
  }
}
