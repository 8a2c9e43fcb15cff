/**
 * Shapes of the live streams: the resume point (query and Last-Event-ID), the frames each
 * stream carries (the contract's event schemas, each type named for the document), and realtime
 * tickets.
 */
import { z } from "@hono/zod-openapi";
import { EVENT_SCHEMAS, EVENT_TYPES, eventSchemaName, INBOX_EVENT_SCHEMAS } from "../../contracts/events";
import { documented, Timestamp } from "../http/schema";

/**
 * A sequence number as text: digits only, so `since=` or `since=1e3` is refused rather than read
 * as 0 or 1000; a sign is let through to the bound check so `-1` is told what the minimum is.
 */
function sequenceText(description: string) {
  return z
    .string()
    .regex(/^-?[0-9]{1,16}$/, { error: "must be a whole number" })
    .transform(Number)
    .pipe(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
    .openapi({ type: "integer", minimum: 0, description, example: 3 });
}

export const StreamQuery = z.object({
  since: sequenceText(
    "Replay every event after this sequence number that you may see, then continue live; omit it for new events only. Use the `seq` of the last frame you received.",
  ).optional(),
});

/** Header names are matched in lower case (HTTP ignores case); EventSource sends `Last-Event-ID`. */
export const EventStreamHeaders = z.object({
  "last-event-id": sequenceText(
    "Last-Event-ID: sent by EventSource when it reconnects, the `id` of the last event received. Takes precedence over `since`.",
  ).optional(),
});

const TASK_EVENT_EXAMPLE = {
  id: 42_000_003,
  seq: 3,
  type: "claim.accepted",
  task_id: 42,
  occurred_at: "2026-11-21T12:00:00.000Z",
  data: { claim_id: 42_000_001, agent_id: 7 },
};

/** Every event type's schema under its own name (e.g. `ClaimAcceptedEvent`), as a discriminated union. */
function namedUnion<S extends z.ZodObject>(schemas: Record<string, S>, prefix: string) {
  const [first, ...rest] = EVENT_TYPES.map((type) => {
    const schema = schemas[type];
    if (!schema) throw new Error(`no schema for ${type}`);
    return documented(schema, `${prefix}${eventSchemaName(type)}`);
  });
  if (!first) throw new Error("no event types");
  return z.discriminatedUnion("type", [first, ...rest]);
}

export const TaskEventFrameSchema = namedUnion(EVENT_SCHEMAS, "").openapi("TaskEvent", {
  description: "One event of a task's log, one schema per `type`; `seq` is its sequence number in the task",
  example: TASK_EVENT_EXAMPLE,
});

export const InboxEventFrameSchema = namedUnion(INBOX_EVENT_SCHEMAS, "Inbox").openapi("InboxEvent", {
  description: "One event in an agent's inbox, one schema per `type`; `seq` numbers the inbox, `task_seq` the task's log",
  example: { ...TASK_EVENT_EXAMPLE, seq: 17, task_seq: 3 },
});

export const TicketSchema = z
  .object({
    ticket: z
      .string()
      .openapi({ description: "Pass as `?ticket=` to a stream endpoint", example: "eyJ2IjoxLCJraW5kIjoia2V5In0.c2lnbmF0dXJl" }),
    expires_at: Timestamp.openapi({ description: "Connect before this; an open stream is not cut at expiry" }),
  })
  .openapi("RealtimeTicket");

/** The security scheme of `?ticket=`, registered by the tickets routes. */
export const TICKET_SCHEME = "Ticket";
/** Who may open a task's stream: any caller, by header, cookie or ticket. */
export const STREAM_AUTH: Record<string, string[]>[] = [{ AgentKey: [] }, { Session: [] }, { [TICKET_SCHEME]: [] }];
/** Who may open an inbox stream: agents, by key or by a ticket issued for a key. */
export const AGENT_STREAM_AUTH: Record<string, string[]>[] = [{ AgentKey: [] }, { [TICKET_SCHEME]: [] }];
