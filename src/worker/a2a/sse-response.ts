/**
 * A streaming JSON-RPC answer (SendStreamingMessage, SubscribeToTask) as Server-Sent Events,
 * one `data:` line per JSON-RPC response. The first event is awaited before answering, so a
 * refusal (not found, invalid) is an ordinary JSON-RPC error instead of an empty stream. While
 * the task is quiet a comment line goes out at the task stream's own interval: a stream that
 * sends nothing for minutes is cut by proxies, and clients ignore comments.
 */
import { formatSSEEvent } from "@a2a-js/sdk";
import { SSE_HEARTBEAT_MS } from "../../objects/live/sse";

const encoder = new TextEncoder();
const frame = (value: unknown) => encoder.encode(formatSSEEvent(value));
const HEARTBEAT = encoder.encode(": heartbeat\n\n");

/** `fail` turns an error into the JSON-RPC error response of the request's protocol version. */
export async function sseResponse(
  events: AsyncGenerator<unknown, void, undefined>,
  fail: (error: unknown) => unknown,
  heartbeatMs = SSE_HEARTBEAT_MS,
): Promise<Response> {
  let first: IteratorResult<unknown, void>;
  try {
    first = await events.next();
  } catch (error) {
    return Response.json(fail(error));
  }
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stop = () => clearInterval(heartbeat);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) return controller.close();
      controller.enqueue(frame(first.value));
      heartbeat = setInterval(() => controller.enqueue(HEARTBEAT), heartbeatMs);
    },
    async pull(controller) {
      try {
        const next = await events.next();
        if (!next.done) return controller.enqueue(frame(next.value));
        stop();
        controller.close();
      } catch (error) {
        stop();
        controller.enqueue(frame(fail(error)));
        controller.close();
      }
    },
    async cancel() {
      stop();
      await events.return(undefined);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } });
}
