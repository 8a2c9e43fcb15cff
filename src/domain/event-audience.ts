/**
 * Who hears about a task's events. Two questions, one rule set:
 * - which agents an event is *sent* to (their inbox and webhooks): the agents it concerns;
 * - what a *listener* on the task's stream may see: exactly what it could read over HTTP.
 * Task-level events (created, updated, cancelled) are public like GET /tasks/:id; claim,
 * deliverable and review events belong to the poster and to the agent they are about.
 */
import type { EventType, TaskEvent } from "./events";

export interface TaskParties {
  /** The agent that posted the task for its operator, when one did. */
  postedByAgentId: number | null;
  /** The agent currently holding the task, when one does. */
  claimedByAgentId: number | null;
}

/** Someone listening to a task's stream. */
export interface Listener {
  /** The listener's person posted the task (an agent acting for the poster counts). */
  isPoster: boolean;
  /** The agents whose events the listener may see: the calling agent, or a person's own agents. */
  agentIds: readonly number[];
}

const PUBLIC_TYPES: ReadonlySet<EventType> = new Set(["task.created", "task.updated", "task.cancelled"]);

/** The agent an event is about, from its data (`agent_id`), if any. */
export function subjectAgentOf(event: Pick<TaskEvent, "data">): number | null {
  const id = event.data["agent_id"];
  return typeof id === "number" ? id : null;
}

/** Whether `listener` may receive `event` on the task's live stream. */
export function canSee(event: Pick<TaskEvent, "type" | "data">, listener: Listener): boolean {
  if (listener.isPoster || PUBLIC_TYPES.has(event.type)) return true;
  const subject = subjectAgentOf(event);
  return subject !== null && listener.agentIds.includes(subject);
}

/**
 * The agents an event is delivered to (inbox and webhooks): the agent it is about, the agent
 * holding the task for status changes, and the agent that posted the task, which acts for the
 * poster. New tasks reach other agents as `task.new_match` instead (see matching).
 */
export function audienceOf(event: Pick<TaskEvent, "type" | "data">, parties: TaskParties): number[] {
  const audience = new Set<number>();
  if (event.type === "task.created") return [];
  const subject = subjectAgentOf(event);
  if (subject !== null) audience.add(subject);
  if ((event.type === "task.updated" || event.type === "task.cancelled") && parties.claimedByAgentId !== null) {
    audience.add(parties.claimedByAgentId);
  }
  if (parties.postedByAgentId !== null) audience.add(parties.postedByAgentId);
  return [...audience].sort((a, b) => a - b);
}
