/**
 * What a TaskRoom sends to the events queue: one step of its outbox, i.e. the events it appended
 * (each with the agents it concerns, fixed when it happened) and, when it fits in the message,
 * the snapshot that brings D1 up to them. The consumer writes the snapshots of a whole batch
 * to D1 before any sink hears of the events, so an inbox or webhook never announces what a list
 * cannot yet show. Versioned, and validated by the consumer, since a queue may still hold
 * messages written by an older deployment (v1: one event, projected by its room).
 */
import { z } from "zod";
import { TaskEventSchema } from "./events";
import { type ProjectionSnapshot, ProjectionSnapshotSchema } from "./projection";

export const EventEntrySchema = z.object({
  event: TaskEventSchema,
  audience: z.array(z.number().int().positive()),
});
/** One event and the agents it concerns. */
export type EventEntry = z.infer<typeof EventEntrySchema>;

const OneEventSchema = EventEntrySchema.extend({ v: z.literal(1) });

const StepSchema = z.object({
  v: z.literal(2),
  /** Null when the room wrote it to D1 itself (a snapshot too large for a queue message). */
  projection: ProjectionSnapshotSchema.nullable(),
  events: z.array(EventEntrySchema).min(1),
});

export const EventMessageSchema = z.discriminatedUnion("v", [OneEventSchema, StepSchema]);
export type EventMessage = z.infer<typeof EventMessageSchema>;

/** A step as the consumer handles it, whichever version carried it. */
export interface OutboxStep {
  projection: ProjectionSnapshot | null;
  events: EventEntry[];
}

export function stepOf(message: EventMessage): OutboxStep {
  if (message.v === 1) return { projection: null, events: [{ event: message.event, audience: message.audience }] };
  return { projection: message.projection, events: message.events };
}

export function stepMessage(projection: ProjectionSnapshot | null, events: EventEntry[]): EventMessage {
  return { v: 2, projection, events };
}

const utf8 = new TextEncoder();

/** How much a value weighs in a queue message, as the queue counts it (UTF-8 bytes of its JSON). */
export function jsonBytes(value: unknown): number {
  return utf8.encode(JSON.stringify(value)).byteLength;
}
