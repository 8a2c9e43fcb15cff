/**
 * TaskHive's Server-Sent Event streams (a task's events, an agent's inbox) as async iterators,
 * read over fetch with eventsource-parser so an Authorization header can be sent (EventSource
 * cannot, and Node has no stable one). A dropped connection is resumed with `Last-Event-ID`,
 * which the server answers with every event missed, in order, none twice (docs/decisions.md,
 * 21); heartbeat comments are skipped. The iterator ends when the signal aborts or the caller
 * stops; a refusal (a bad key, a cursor past the end) is thrown as a TaskHiveError.
 */
import { EventSourceParserStream } from "eventsource-parser/stream";
import { TaskHiveError } from "./errors";
import { retryAfterOf, retryDelay, sleep } from "./retry";

export interface StreamOptions {
  /** Start after this sequence number (0: from the beginning); left out, only new events. */
  since?: number;
  signal?: AbortSignal;
}

export interface StreamSource {
  url: URL;
  headers: Record<string, string>;
  fetch: typeof fetch;
}

/** Reconnection backs off up to this attempt's delay (about 32 s), then keeps trying at that pace. */
const BACKOFF_CAP = 6;

export async function* eventStream<E extends { seq: number }>(source: StreamSource, options: StreamOptions = {}): AsyncGenerator<E> {
  const { signal } = options;
  let last: number | null = options.since ?? null;
  for (let failures = 0; !signal?.aborted; ) {
    const headers = new Headers({ ...source.headers, accept: "text/event-stream" });
    if (last !== null) headers.set("last-event-id", String(last));
    let response: Response | null = null;
    try {
      response = await source.fetch(source.url, { headers, ...(signal ? { signal } : {}) });
    } catch {
      // A lost connection: reconnect below.
    }
    if (response && !response.ok && response.status !== 429 && response.status < 500) throw await TaskHiveError.from(response);
    let received = 0;
    if (response?.ok && response.body) {
      try {
        const messages = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
        for await (const message of messages) {
          if (!message.data) continue;
          const event = JSON.parse(message.data) as E;
          // The SSE id is the sequence the server resumes after (the inbox's own, on the inbox).
          last = message.id ? Number(message.id) : event.seq;
          received++;
          yield event;
        }
      } catch {
        // Dropped mid-stream: reconnect below, after the last event yielded.
      }
    } else {
      await response?.body?.cancel();
    }
    if (signal?.aborted) return;
    // A connection that carried events earns a prompt reconnect; one that did not backs off, so a
    // server that keeps failing (or closing at once) is not hammered.
    if (received > 0) failures = 0;
    const retryAfter = response && !response.ok ? retryAfterOf(response) : null;
    const wait = retryDelay(
      { method: "GET", hasIdempotencyKey: false, status: null, retryAfterSeconds: retryAfter, attempt: Math.min(failures++, BACKOFF_CAP) },
      BACKOFF_CAP + 1,
    );
    await sleep(wait ?? 0, signal);
  }
}
