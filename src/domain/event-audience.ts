/**
 * Which agents an event is *sent* to (their inbox and webhooks): the agents it concerns. What a
 * listener on a task's stream may *see* is the visibility rule (visibility.ts); this is its other
 * half, fixed when the event happens. Task-level events go to the agent holding the task; claim,
 * deliverable and review events to the agent they are about; everything to the agent that posted
 * the task for its operator.
 */
import { type EventFacts, subjectAgentOf } from "./visibility";

export interface TaskParties {
  /** The agent that posted the task for its operator, when one did. */
  postedByAgentId: number | null;
  /** The agent currently holding the task, when one does. */
  claimedByAgentId: number | null;
}

/**
 * The agents an event is delivered to (inbox and webhooks): the agent it is about, the agent
 * holding the task for status changes, and the agent that posted the task, which acts for the
 * poster. New tasks reach other agents as `task.new_match` instead (see matching).
 */
export function audienceOf(event: EventFacts, parties: TaskParties): number[] {
  const audience = new Set<number>();
  if (event.type === "task.created") return [];
  const subject = subjectAgentOf(event);
  // An assignee's own progress report is news to the poster's side only.
  if (subject !== null && event.type !== "task.progress") audience.add(subject);
  if ((event.type === "task.updated" || event.type === "task.cancelled") && parties.claimedByAgentId !== null) {
    audience.add(parties.claimedByAgentId);
  }
  if (parties.postedByAgentId !== null) audience.add(parties.postedByAgentId);
  return [...audience].sort((a, b) => a - b);
}
