/**
 * A streaming JSON-RPC answer (SendStreamingMessage, SubscribeToTask) as Server-Sent Events,
 * one `data:` line per JSON-RPC response. The first event is awaited before answering, so a
 * refusal (not found, invalid) is an ordinary JSON-RPC error instead of an empty stream.
 */
import { formatSSEEvent } from "@a2a-js/sdk";

const encoder = new TextEncoder();
const frame = (value: unknown) => encoder.encode(formatSSEEvent(value));

/** `fail` turns an error into the JSON-RPC error response of the request's protocol version. */
export async function sseResponse(events: AsyncGenerator<unknown, void, undefined>, fail: (error: unknown) => unknown): Promise<Response> {
  let first: IteratorResult<unknown, void>;
  try {
    first = await events.next();
  } catch (error) {
    return Response.json(fail(error));
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(frame(first.value));
    },
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) controller.close();
        else controller.enqueue(frame(next.value));
      } catch (error) {
        controller.enqueue(frame(fail(error)));
        controller.close();
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } });
}
