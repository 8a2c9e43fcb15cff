/**
 * Events: every change to a task appends one or more of these to its room's log, with a
 * per-task sequence number. The id is derived from task and sequence (see ids.ts), so it is
 * stable across redeliveries and receivers can deduplicate by it.
 */
import { z } from "zod";

export const EVENT_TYPES = [
  "task.created",
  "task.new_match",
  "task.updated",
  "task.cancelled",
  "claim.created",
  "claim.accepted",
  "claim.rejected",
  "claim.withdrawn",
  "deliverable.submitted",
  "deliverable.accepted",
  "deliverable.revision_requested",
  "deliverable.rejected",
  "review.completed",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const TaskEventSchema = z.object({
  id: z.number().int().positive(),
  seq: z.number().int().positive(),
  type: z.enum(EVENT_TYPES),
  task_id: z.number().int().positive(),
  occurred_at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type TaskEvent = z.infer<typeof TaskEventSchema>;
