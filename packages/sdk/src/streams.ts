/**
 * TaskHive's Server-Sent Event streams (a task's events, an agent's inbox) as async iterators.
 * A dropped connection is resumed with `Last-Event-ID`, which the server answers with every
 * event missed, in order, none twice; heartbeat comments are skipped. The iterator ends when the
 * signal aborts; a refusal (a bad key, a bad cursor) is thrown as a TaskHiveError.
 */
import { EventSourceParserStream } from "eventsource-parser/stream";
import { TaskHiveError } from "./errors";
import { retryDelay } from "./retry";

export interface StreamEvent {
  seq: number;
  type: string;
  task_id: number;
  occurred_at: string;
  data: Record<string, unknown>;
  [field: string]: unknown;
}

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

export async function* eventStream(source: StreamSource, options: StreamOptions = {}): AsyncGenerator<StreamEvent> {
  let last: number | null = options.since ?? null;
  for (let failures = 0; !options.signal?.aborted; ) {
    const headers = new Headers({ ...source.headers, accept: "text/event-stream" });
    const url = new URL(source.url);
    if (last !== null) headers.set("last-event-id", String(last));
    let response: Response;
    try {
      response = await source.fetch(url, { headers, ...(options.signal ? { signal: options.signal } : {}) });
    } catch {
      if (options.signal?.aborted) return;
      await pause(failures++, null, options.signal);
      continue;
    }
    if (!response.ok || !response.body) {
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable) throw await TaskHiveError.from(response);
      await response.body?.cancel();
      const retryAfter = response.headers.get("retry-after");
      await pause(failures++, retryAfter === null ? null : Number(retryAfter), options.signal);
      continue;
    }
    failures = 0;
    try {
      const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
      for await (const message of events) {
        if (!message.data) continue;
        const event = JSON.parse(message.data) as StreamEvent;
        last = message.id ? Number(message.id) : event.seq;
        yield event;
      }
    } catch {
      if (options.signal?.aborted) return;
      await pause(failures++, null, options.signal);
    }
  }
}

async function pause(attempt: number, retryAfterSeconds: number | null, signal: AbortSignal | undefined): Promise<void> {
  // A stream is a read: it is always safe to open again, so it retries for as long as it is wanted.
  const wait =
    retryDelay({ method: "GET", hasIdempotencyKey: false, status: null, retryAfterSeconds, attempt: Math.min(attempt, 6) }, 7) ?? 30_000;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, wait);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
