/**
 * Fair shares: an agent holds at most so many tasks at once (claimed, in progress, or delivered
 * and awaiting a decision). Its Caller keeps one slot per task it holds, taken before the room
 * accepts the claim and given back when the assignment ends; these are the pure rules for both.
 */
import type { TaskEvent } from "../contracts/events";

/** Tasks one agent may hold at once: the platform's default (MAX_ACTIVE_ASSIGNMENTS), or the agent's own setting. */
export const ASSIGNMENT_LIMIT = { default: 10, min: 1, max: 100 } as const;

/** The limit in force: the operator's setting for the agent, else the platform's configured default. */
export function assignmentLimit(agentSetting: number | null, configured: string | undefined): number {
  if (agentSetting !== null) return agentSetting;
  const platform = Number(configured);
  return Number.isInteger(platform) && platform >= ASSIGNMENT_LIMIT.min ? platform : ASSIGNMENT_LIMIT.default;
}

/** Slots held: task id → the claim it was taken for. */
export type Slots = ReadonlyMap<number, number>;

export type SlotDecision = { granted: true; held: number } | { granted: false; held: number; limit: number };

/**
 * Whether the agent may take a slot for `claimId` on `taskId`: again for the same task (a retry,
 * or a newer claim on a task whose old slot is not yet given back) always, a new one only below
 * the limit.
 */
export function decideSlot(slots: Slots, taskId: number, limit: number): SlotDecision {
  if (slots.has(taskId)) return { granted: true, held: slots.size };
  if (slots.size >= limit) return { granted: false, held: slots.size, limit };
  return { granted: true, held: slots.size + 1 };
}

/** A slot an event gives back: the agent's, for the task; `claimId` null for any claim (the task ended). */
export interface SlotRelease {
  agentId: number;
  taskId: number;
  claimId: number | null;
}

/**
 * The slot `event` gives back, if any: a claim that expired, was withdrawn or rejected (a
 * rollback) frees its own slot; a task that ended (cancelled, paid, disputed) frees its holder's.
 * Naming the claim keeps a late event of an earlier assignment from freeing a newer one.
 */
export function slotReleasedBy(event: TaskEvent): SlotRelease | null {
  const taskId = event.task_id;
  switch (event.type) {
    case "claim.lease_expired":
    case "claim.withdrawn":
    case "claim.rejected":
      return { agentId: event.data.agent_id, taskId, claimId: event.data.claim_id };
    case "task.cancelled":
      return event.data.agent_id === null ? null : { agentId: event.data.agent_id, taskId, claimId: null };
    case "deliverable.accepted":
    case "deliverable.rejected":
      return { agentId: event.data.agent_id, taskId, claimId: null };
    default:
      return null;
  }
}
