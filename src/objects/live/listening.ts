/**
 * A listener as a publishing pass sees it, whatever carries it (a WebSocket or an SSE stream):
 * who it is, how far it has been sent, and how to send it more.
 */
import type { Frame } from "./frame";

export interface Listening<L> {
  listener: L;
  /** Listeners with the same key see the same frames. */
  key: string;
  /** Every event up to this sequence has been sent (or was before the listener opened). */
  through: number;
  /** Sends `frames` (the events after `through` it may see, up to `upTo`) and moves `through` on. */
  send(frames: readonly Frame[], upTo: number): void;
}
