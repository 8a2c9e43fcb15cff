/**
 * Operations that answer with a stream instead of a JSON envelope: a WebSocket (101 Switching
 * Protocols) or Server-Sent Events (`text/event-stream`). The skill files describe their
 * success, example request and example response differently, and read that from here.
 */
import type { Operation } from "./openapi-types";

export const EVENT_STREAM = "text/event-stream";

export type StreamKind = "websocket" | "sse";

export function streamKindOf(operation: Operation): StreamKind | null {
  const responses = Object.values(operation.responses ?? {});
  if (operation.responses?.["101"]) return "websocket";
  return responses.some((r) => r.content?.[EVENT_STREAM] !== undefined) ? "sse" : null;
}
