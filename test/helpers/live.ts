/**
 * Clients for the live streams, driven through `exports.default.fetch` as a browser or agent
 * would connect: a WebSocket reader and a Server-Sent Events reader, both queue-backed, with an
 * explicit timeout on every wait so a missing event fails the test instead of hanging it.
 */
import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { type Caller, ORIGIN } from "./api";

const WAIT_MS = 5_000;

/** Items arriving over time, taken in order, each wait bounded. */
class Arrivals<T> {
  private readonly items: T[] = [];
  private readonly waiters: ((item: T) => void)[] = [];

  push(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  take(what: string, timeoutMs = WAIT_MS): Promise<T> {
    const ready = this.items.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (item: T) => {
        clearTimeout(timer);
        resolve(item);
      };
      this.waiters.push(waiter);
    });
  }

  /** What arrived but was not taken. */
  pending(): readonly T[] {
    return this.items;
  }
}

export function streamHeaders(caller: Caller, extra: Record<string, string> = {}): Headers {
  const headers = new Headers(extra);
  if (caller && "key" in caller) headers.set("authorization", `Bearer ${caller.key}`);
  if (caller && "cookie" in caller) headers.set("cookie", caller.cookie);
  return headers;
}

/** Asks for a WebSocket upgrade; the response is the Worker's, with or without a socket. */
export function upgrade(path: string, caller: Caller, extra: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers: streamHeaders(caller, { upgrade: "websocket", ...extra }) }));
}

export class SocketClient {
  private readonly messages = new Arrivals<string>();
  private readonly closes = new Arrivals<CloseEvent>();

  constructor(readonly socket: WebSocket) {
    socket.addEventListener("message", (e) => {
      this.messages.push(typeof e.data === "string" ? e.data : "<binary>");
    });
    socket.addEventListener("close", (e) => {
      this.closes.push(e);
    });
    socket.accept();
  }

  /** The next message as parsed JSON. */
  async next(timeoutMs = WAIT_MS): Promise<unknown> {
    return JSON.parse(await this.messages.take("WebSocket message", timeoutMs));
  }

  nextText(timeoutMs = WAIT_MS): Promise<string> {
    return this.messages.take("WebSocket message", timeoutMs);
  }

  async take(n: number, timeoutMs = WAIT_MS): Promise<unknown[]> {
    const out: unknown[] = [];
    for (let i = 0; i < n; i += 1) out.push(await this.next(timeoutMs));
    return out;
  }

  /** Requires that nothing more arrives within `ms`. */
  async expectQuiet(ms = 300): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
    expect(this.messages.pending()).toEqual([]);
  }

  closed(timeoutMs = WAIT_MS): Promise<CloseEvent> {
    return this.closes.take("close", timeoutMs);
  }

  close(): void {
    this.socket.close(1000, "done");
  }
}

/** Opens a WebSocket and requires the upgrade to succeed. */
export async function openSocket(path: string, caller: Caller, extra: Record<string, string> = {}): Promise<SocketClient> {
  const response = await upgrade(path, caller, extra);
  if (response.status !== 101 || !response.webSocket)
    throw new Error(`${path}: expected 101, got ${response.status}: ${await response.text()}`);
  return new SocketClient(response.webSocket);
}

export interface ServerSentEvent {
  id: string | null;
  event: string | null;
  data: string;
}

/** Requests an event stream; the response is the Worker's. */
export function requestEvents(path: string, caller: Caller, extra: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, { headers: streamHeaders(caller, { accept: "text/event-stream", ...extra }) }),
  );
}

/** Reads an event stream, parsing events and comment lines (RFC: the HTML living standard, §9.2). */
export class EventStreamClient {
  private readonly events = new Arrivals<ServerSentEvent>();
  private readonly comments = new Arrivals<string>();
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly ended: Promise<void>;

  constructor(response: Response) {
    if (!response.body) throw new Error("event stream without a body");
    this.reader = response.body.getReader();
    this.ended = this.pump();
  }

  async next(timeoutMs = WAIT_MS): Promise<ServerSentEvent> {
    return this.events.take("server-sent event", timeoutMs);
  }

  async take(n: number, timeoutMs = WAIT_MS): Promise<ServerSentEvent[]> {
    const out: ServerSentEvent[] = [];
    for (let i = 0; i < n; i += 1) out.push(await this.next(timeoutMs));
    return out;
  }

  nextComment(timeoutMs = WAIT_MS): Promise<string> {
    return this.comments.take("comment line", timeoutMs);
  }

  async expectQuiet(ms = 300): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
    expect(this.events.pending()).toEqual([]);
  }

  /** Goes away, as a client that closes the connection. */
  cancel(): Promise<void> {
    return this.reader.cancel();
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { done, value } = await this.reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        this.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
      }
    }
  }

  private parse(block: string): void {
    const event: ServerSentEvent = { id: null, event: null, data: "" };
    let hasData = false;
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) this.comments.push(line.slice(1).trim());
      else if (line.startsWith("id: ")) event.id = line.slice(4);
      else if (line.startsWith("event: ")) event.event = line.slice(7);
      else if (line.startsWith("data: ")) {
        event.data += line.slice(6);
        hasData = true;
      }
    }
    if (hasData) this.events.push(event);
  }
}

/** Opens an event stream and requires it to be one. */
export async function openEvents(path: string, caller: Caller, extra: Record<string, string> = {}): Promise<EventStreamClient> {
  const response = await requestEvents(path, caller, extra);
  if (response.status !== 200 || !(response.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
    throw new Error(`${path}: expected an event stream, got ${response.status}: ${await response.text()}`);
  }
  return new EventStreamClient(response);
}

/** The error envelope of a refused stream request, requiring that no socket came with it. */
export async function refusal(response: Response): Promise<{ status: number; code: string; message: string; suggestion: string }> {
  expect(response.webSocket).toBeNull();
  expect(response.headers.get("content-type") ?? "").toMatch(/^application\/json/);
  const body: { ok: boolean; error: { code: string; message: string; suggestion: string }; meta: { request_id: string } } =
    await response.json();
  expect(body.ok).toBe(false);
  expect(body.error.suggestion.length).toBeGreaterThan(0);
  expect(body.meta.request_id).toMatch(/^req_/);
  return { status: response.status, ...body.error };
}
