/**
 * A task's parts (domain/subtasks.ts), on both sides: the parent's room reserves a part's budget
 * when its assignee posts it and settles the reservation when the part ends; a part's room is
 * cancelled when its parent stops needing it. Synchronous from first read to last write, like
 * every room command (no await may be added here): concurrent parts never over-reserve.
 */

import { statusAllows } from "../../domain/policy";
import { type ChildOutcome, refuseSubtask, remainingDelegable } from "../../domain/subtasks";
import type { TaskRecord } from "../../domain/task";
import { type AgentActor, Change, ok, type RoomResult, refuse } from "./change";
import type { RoomStore } from "./store";
import { cancel, type StatusChange } from "./task-commands";

export interface Reservation {
  /** The part's record as its room is to be created: placed under this task, one level deeper. */
  child: TaskRecord;
  /** What the parent can still delegate after this part. */
  remainingDelegable: number;
}

/** Reserves the budget of `draft` (a part's record) under this task for its assignee; a retry of the same part answers the same. */
export function reserveSubtask(
  store: RoomStore,
  task: TaskRecord,
  agent: AgentActor,
  draft: TaskRecord,
  at: string,
): RoomResult<Reservation> {
  const child: TaskRecord = { ...draft, parentTaskId: task.id, depth: task.depth + 1 };
  const delegations = store.parts.all();
  if (delegations.some((d) => d.childId === child.id)) return ok({ child, remainingDelegable: remainingDelegable(task, delegations) });
  const refusal = refuseSubtask(task, agent, child.budgetCredits, delegations);
  if (refusal) return refuse(refusal);
  const change = new Change(store, task, at);
  store.parts.add(child, change.version);
  change.emit("subtask.created", { subtask_id: child.id, agent_id: agent.agentId, budget_credits: child.budgetCredits });
  return ok({ child, remainingDelegable: remainingDelegable(task, store.parts.all()) });
}

/** A part ended: its budget is spent (`paid`) or free again (`released`). Settled once; a repeat changes nothing. */
export function settleChild(
  store: RoomStore,
  task: TaskRecord,
  childId: number,
  outcome: ChildOutcome,
  at: string,
): RoomResult<{ settled: boolean }> {
  const part = store.parts.all().find((d) => d.childId === childId);
  if (part?.state !== "open") return ok({ settled: false });
  const change = new Change(store, task, at);
  store.parts.settle(childId, outcome, change.version);
  change.emit("subtask.settled", { subtask_id: childId, agent_id: task.claimedByAgentId, outcome, budget_credits: part.budgetCredits });
  return ok({ settled: true });
}

/** The parent no longer needs this part: it is cancelled if it still can be (a delivery awaiting its poster stays theirs). */
export function cancelForParent(store: RoomStore, task: TaskRecord, at: string): RoomResult<StatusChange | null> {
  if (!statusAllows(task.status, "cancel")) return ok(null);
  return ok(cancel(store, new Change(store, task, at), "parent"));
}
