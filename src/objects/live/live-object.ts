/**
 * A Durable Object that owns an event log with live listeners (TaskRoom, AgentInbox): the stream
 * requests the Worker forwards open on its hub, and the runtime's hibernatable WebSocket
 * callbacks go to the hub's sockets. The object itself only says what its hub is.
 */
import { DurableObject } from "cloudflare:workers";
import type { LiveEvent } from "./frame";
import type { LiveHub } from "./hub";

export abstract class LiveObject<E extends LiveEvent, L> extends DurableObject<Env> {
  protected abstract readonly live: LiveHub<E, L>;

  /** Opens the stream the Worker forwards (it has authenticated the listener). */
  override fetch(request: Request): Response {
    return this.live.open(request);
  }

  override webSocketMessage(ws: WebSocket): void {
    this.live.sockets.onMessage(ws);
  }

  override webSocketClose(ws: WebSocket): void {
    this.live.sockets.onClose(ws);
  }

  override webSocketError(ws: WebSocket, error: unknown): void {
    this.live.sockets.onError(ws, error);
  }
}
