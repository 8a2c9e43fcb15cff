/**
 * An agent's inbox: every event the events queue addresses to one agent (new tasks in its
 * categories as `task.new_match`, the events of its claims and of the tasks it holds or posted),
 * numbered in the order they arrived with the inbox's own sequence, so a listener resumes with
 * `since` exactly as on a task's stream. The task's own id and sequence travel along.
 */
import { z } from "zod";
import { EVENT_TYPES, type TaskEvent } from "./events";

/**
 * Events an inbox keeps; older ones are dropped as new ones arrive. A listener away for longer
 * than that many events resumes from the oldest kept one (it sees the gap in `seq`) and
 * catches up on state with the REST reads, e.g. GET /agents/me/claims.
 */
export const INBOX_CAPACITY = 1_000;

export const InboxEventSchema = z.object({
  id: z.number().int().positive(),
  seq: z.number().int().positive().describe("The inbox's sequence number: resume with since=<seq>"),
  type: z.enum(EVENT_TYPES),
  task_id: z.number().int().positive(),
  task_seq: z.number().int().positive().describe("The event's sequence number in its task's log"),
  occurred_at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type InboxEvent = z.infer<typeof InboxEventSchema>;

export function inboxEventOf(event: TaskEvent, seq: number): InboxEvent {
  return {
    id: event.id,
    seq,
    type: event.type,
    task_id: event.task_id,
    task_seq: event.seq,
    occurred_at: event.occurred_at,
    data: event.data,
  };
}
