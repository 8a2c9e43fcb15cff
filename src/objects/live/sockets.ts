/**
 * A live object's WebSocket listeners, through the hibernation API: the runtime holds the
 * sockets while the object sleeps, answers "ping" with "pong" without waking it, and wakes it
 * only to deliver a message or a close. Nothing about a listener lives in memory: who is
 * listening travels with the socket as a versioned attachment, validated every time it is read,
 * since after hibernation it comes back from outside this instance.
 */
import { z } from "zod";
import type { Frame } from "./frame";

/** Tags this module's sockets, so `getWebSockets` returns only them. */
const TAG = "live";
const PING = "ping";

/** Close codes (RFC 6455 §7.4.1). */
const NORMAL = 1000;
const UNSUPPORTED_DATA = 1003;
const INTERNAL_ERROR = 1011;

interface Attachment<L> {
  v: 1;
  listener: L;
}

export class LiveSockets<L> {
  private readonly attachment: z.ZodType<Attachment<L>>;
  /** Attachments already read and validated in this instance: a broadcast to a thousand sockets reads none again. */
  private readonly known = new WeakMap<WebSocket, { listener: L; key: string }>();

  constructor(
    private readonly ctx: DurableObjectState,
    listener: z.ZodType<L>,
  ) {
    this.attachment = z.object({ v: z.literal(1), listener });
    // Keep-alives from clients are answered by the runtime, so they never wake the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, "pong"));
  }

  /**
   * Accepts a socket for `listener` and queues `backlog` on it before any live frame: the
   * caller reads the backlog and calls this in one synchronous step, so no event falls between.
   */
  open(listener: L, backlog: readonly Frame[]): Response {
    const pair = new WebSocketPair();
    const client = pair[0];
    const server = pair[1];
    this.ctx.acceptWebSocket(server, [TAG]);
    const attachment: Attachment<L> = { v: 1, listener };
    server.serializeAttachment(attachment);
    for (const frame of backlog) server.send(frame.json);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Sends each socket the frames `select` picks for its listener, picking once per kind of listener. */
  broadcast(select: (listener: L) => readonly Frame[]): void {
    const picked = new Map<string, readonly Frame[]>();
    for (const ws of this.ctx.getWebSockets(TAG)) {
      const known = this.listenerOf(ws);
      if (known === null) continue;
      let frames = picked.get(known.key);
      if (!frames) {
        frames = select(known.listener);
        picked.set(known.key, frames);
      }
      for (const frame of frames) send(ws, frame.json);
    }
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

  /** The socket's listener, or null (and the socket closed) when its attachment is unreadable. */
  private listenerOf(ws: WebSocket): { listener: L; key: string } | null {
    const cached = this.known.get(ws);
    if (cached) return cached;
    const parsed = this.attachment.safeParse(ws.deserializeAttachment());
    if (parsed.success) {
      const known = { listener: parsed.data.listener, key: JSON.stringify(parsed.data.listener) };
      this.known.set(ws, known);
      return known;
    }
    // E.g. written by an older deployment: the client reconnects with `since` and loses nothing.
    ws.close(INTERNAL_ERROR, "Stream state unreadable; reconnect with since=<last seq>");
    return null;
  }
}

/** A socket the client is closing may refuse frames; its close handler ends it, so that is not an error. */
function send(ws: WebSocket, text: string): void {
  try {
    ws.send(text);
  } catch (error) {
    console.warn(JSON.stringify({ at: "live.socket.send", readyState: ws.readyState, error: String(error) }));
  }
}
