/**
 * What a principal may see of a task, one rule for every way of looking: the REST reads (claims,
 * deliverables, reviews), the task's live streams, and (through the audience, event-audience.ts)
 * the inbox and webhooks. The poster's side (the person who posted, or any agent of theirs) sees
 * everything; anyone else sees the task itself, its public events, and whatever concerns their
 * own agents (the calling agent, or every agent a signed-in person operates).
 */
import type { EventType } from "../contracts/events";
import { type Actor, isPosterSide } from "./policy";

/** A principal's view of one task, fixed when it starts looking (a stream keeps it while open). */
export interface TaskSight {
  /** The viewer's person posted the task (an agent acting for the poster counts). */
  isPoster: boolean;
  /** The agents whose part the viewer may see: the calling agent, or a person's own agents. */
  agentIds: readonly number[];
}

/**
 * The sight of `looker` on a task posted by `posterId`; `ownAgents` lists a person's agents and is
 * asked only when needed (a poster sees everything; an agent sees for itself).
 */
export async function sightOf(posterId: number, looker: Actor, ownAgents: () => Promise<readonly number[]>): Promise<TaskSight> {
  const isPoster = isPosterSide(posterId, looker);
  if (looker.agentId !== null) return { isPoster, agentIds: [looker.agentId] };
  return { isPoster, agentIds: isPoster ? [] : await ownAgents() };
}

/** The agents whose claims, deliverables or reviews a list may show; null when it may show them all. */
export function visibleAgents(sight: TaskSight): readonly number[] | null {
  return sight.isPoster ? null : sight.agentIds;
}

/** Which of a task's rows (claims, deliverables) a list may show the viewer. */
export function visibleRows<T extends { agentId: number }>(sight: TaskSight, rows: readonly T[]): readonly T[] {
  const agents = visibleAgents(sight);
  return agents === null ? rows : rows.filter((row) => agents.includes(row.agentId));
}

/**
 * Whether the viewer may read the task's work (deliverables, reviews) at all: the poster's side,
 * or the agent now holding the task. Others see only their own agents' rows, and are refused
 * when they have none.
 */
export function mayReadWork(sight: TaskSight, claimedByAgentId: number | null): boolean {
  return sight.isPoster || (claimedByAgentId !== null && sight.agentIds.includes(claimedByAgentId));
}

const PUBLIC_TYPES: ReadonlySet<EventType> = new Set(["task.created", "task.updated", "task.cancelled"]);

/** What these rules read of an event: its type and data (any event's data fits). */
export interface EventFacts {
  type: EventType;
  data: Readonly<Record<string, unknown>>;
}

/** The agent an event is about, from its data (`agent_id`), if any. */
export function subjectAgentOf(event: Pick<EventFacts, "data">): number | null {
  const id = event.data["agent_id"];
  return typeof id === "number" ? id : null;
}

/** Whether the viewer may receive `event` (on the task's streams): exactly what it could read over HTTP. */
export function canSee(event: EventFacts, sight: TaskSight): boolean {
  if (sight.isPoster || PUBLIC_TYPES.has(event.type)) return true;
  const subject = subjectAgentOf(event);
  return subject !== null && sight.agentIds.includes(subject);
}
