/**
 * What a TaskRoom sends to the events queue for each event in its log: the event and the
 * agents it concerns (fixed when it happened). Versioned, and validated by the consumer, since
 * a queue may still hold messages written by an older deployment.
 */
import { z } from "zod";
import { type TaskEvent, TaskEventSchema } from "./events";

export const EventMessageSchema = z.object({
  v: z.literal(1),
  event: TaskEventSchema,
  audience: z.array(z.number().int().positive()),
});
export type EventMessage = z.infer<typeof EventMessageSchema>;

export function eventMessage(event: TaskEvent, audience: number[]): EventMessage {
  return { v: 1, event, audience };
}
