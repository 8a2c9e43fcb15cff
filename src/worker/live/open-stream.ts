/**
 * The Worker's half of opening a live stream: it has authenticated the caller and decided what
 * the caller may see; it forwards a fresh request to the object holding the stream, stating
 * that in the internal header (never the client's headers, so a client cannot claim to be the
 * poster), and turns the object's one refusal, a resume point beyond its log, into the API's
 * error. The object's 101 or event-stream response is returned with the middleware's headers.
 */
import type { Context } from "hono";
import { realtimeErrors } from "../../domain/error-catalogue";
import { lastSeqOfRefusal, STREAM_REQUEST_HEADER, streamRequestHeader, type Transport } from "../../objects/live/stream-request";
import type { AppEnv } from "../http/context";

/** Where a listener resumes, and which parameter said so (for the error that names it). */
export interface ResumePoint {
  seq: number;
  parameter: "since" | "Last-Event-ID";
}

/** What holds a stream: a TaskRoom or an AgentInbox stub. */
export interface StreamHolder {
  fetch(request: Request): Promise<Response>;
}

/**
 * EventSource sends Last-Event-ID when it reconnects, while its URL still carries the first
 * `since`; the header is the newer position, so it wins.
 */
export function resumePointOf(since: number | undefined, lastEventId?: number): ResumePoint | null {
  if (lastEventId !== undefined) return { seq: lastEventId, parameter: "Last-Event-ID" };
  return since === undefined ? null : { seq: since, parameter: "since" };
}

/** Refuses a request to a WebSocket endpoint that is not an upgrade, before any lookup. */
export function requireUpgrade(c: Context<AppEnv>): void {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw realtimeErrors.upgradeRequired(c.req.path);
}

export async function openStream<L>(
  c: Context<AppEnv>,
  holder: StreamHolder,
  transport: Transport,
  listener: L,
  resume: ResumePoint | null,
): Promise<Response> {
  const headers = new Headers({ [STREAM_REQUEST_HEADER]: streamRequestHeader({ v: 1, transport, since: resume?.seq ?? null, listener }) });
  // The runtime lets an object answer with a WebSocket only to a request that asked for one.
  if (transport === "websocket") headers.set("upgrade", "websocket");
  const response = await holder.fetch(new Request(c.req.url, { headers }));
  const lastSeq = lastSeqOfRefusal(response);
  if (lastSeq === null) return withMiddlewareHeaders(c, response);
  if (!resume) throw new Error(`a live object refused a stream that resumes from nowhere (last seq ${lastSeq})`);
  throw realtimeErrors.resumeBeyondEnd(resume.parameter, resume.seq, lastSeq);
}

/**
 * The object's response with the headers the middleware set (request id, rate limit). Hono
 * adds those only to responses it builds itself, and `c.newResponse` would drop the WebSocket,
 * so the response is rebuilt here with its socket.
 */
function withMiddlewareHeaders(c: Context<AppEnv>, response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of c.res.headers) headers.set(name, value);
  return new Response(response.body, { status: response.status, headers, webSocket: response.webSocket });
}
