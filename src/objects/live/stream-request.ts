/**
 * How the Worker asks a live object (TaskRoom, AgentInbox) to open a stream. The Worker has
 * authenticated the caller and decided what it may see; it states that, the transport and the
 * resume point in one internal header, always written by the Worker over whatever the client
 * sent, and validated here. The object refuses only one thing itself, a resume point beyond
 * the end of its log, since only it knows where the log ends; the Worker turns that into the
 * API's error.
 */
import { z } from "zod";

/** Internal: set by the Worker on every request it forwards to a live object. */
export const STREAM_REQUEST_HEADER = "X-TaskHive-Stream";
/** Internal: present on an object's refusal of a resume point, naming its log's last sequence. */
export const LAST_SEQ_HEADER = "X-TaskHive-Stream-Last-Seq";

export type Transport = "websocket" | "sse";

export interface StreamRequest<L> {
  v: 1;
  transport: Transport;
  /** Replay visible events after this sequence before live ones; null: live ones only. */
  since: number | null;
  /** Who is listening, as the object's visibility rule needs it. */
  listener: L;
}

const Sequence = z.number().int().min(0);

function schemaOf<L>(listener: z.ZodType<L>): z.ZodType<StreamRequest<L>> {
  return z.object({ v: z.literal(1), transport: z.enum(["websocket", "sse"]), since: Sequence.nullable(), listener });
}

/** The header value the Worker sends. */
export function streamRequestHeader<L>(request: StreamRequest<L>): string {
  return JSON.stringify(request);
}

/** The stream request the Worker stated; a request without a valid one is a bug, so it throws. */
export function readStreamRequest<L>(request: Request, listener: z.ZodType<L>): StreamRequest<L> {
  const header = request.headers.get(STREAM_REQUEST_HEADER);
  if (header === null) throw new Error(`${STREAM_REQUEST_HEADER} is missing: live objects are reached only through the Worker`);
  return schemaOf(listener).parse(JSON.parse(header));
}

/** The object's answer to a resume point beyond its log. */
export function beyondEndResponse(lastSeq: number): Response {
  return new Response(null, { status: 400, headers: { [LAST_SEQ_HEADER]: String(lastSeq) } });
}

/** The last sequence an object's refusal names, or null when the response is no refusal. */
export function lastSeqOfRefusal(response: Response): number | null {
  const header = response.headers.get(LAST_SEQ_HEADER);
  return header === null ? null : Sequence.parse(Number(header));
}
