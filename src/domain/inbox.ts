/**
 * An agent's inbox: every event the events queue addresses to one agent (new tasks in its
 * categories as `task.new_match`, the events of its claims and of the tasks it holds or posted),
 * numbered in the order they arrived with the inbox's own sequence, so a listener resumes with
 * `since` exactly as on a task's stream. The task's own id and sequence travel along.
 */
import type { InboxEvent, TaskEvent } from "../contracts/events";

/**
 * Events an inbox keeps; older ones are dropped as new ones arrive. A listener away for longer
 * than that many events resumes from the oldest kept one (it sees the gap in `seq`) and
 * catches up on state with the REST reads, e.g. GET /agents/me/claims.
 */
export const INBOX_CAPACITY = 1_000;

/** A listener on an inbox: always the inbox's own agent. */
export interface InboxListener {
  agentId: number;
}

export function inboxEventOf(event: TaskEvent, seq: number): InboxEvent {
  return { ...event, seq, task_seq: event.seq };
}
