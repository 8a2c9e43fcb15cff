/**
 * Subtasks: the assignee of a task may post parts of it as tasks of their own, paid from its
 * budget. A part's budget is reserved in the parent's room when it is posted (never more in
 * total than the parent can spare), released when the part ends unpaid, and spent when it is
 * paid; the parent's own payment is what is left. So the credits minted for a whole tree (each
 * task's payment and fee) never exceed its root's budget.
 */
import { MIN_TASK_BUDGET } from "./constants";
import { subtaskErrors } from "./error-catalogue/subtasks";
import type { AppError } from "./errors";
import { refuseAction } from "./policy";
import type { TaskRecord } from "./task";

/** How deep a tree goes: a root is depth 0, so a part of a part of a part is the deepest. */
export const MAX_SUBTASK_DEPTH = 3;
/** What the parent's assignee always keeps for its own work (and so its payment is never zero). */
export const PARENT_KEEPS = MIN_TASK_BUDGET;

/** open until the part ends; then paid (its budget spent) or released (it ended unpaid). */
export const DELEGATION_STATES = ["open", "paid", "released"] as const;

/** A part as its parent's room records it. */
export interface Delegation {
  childId: number;
  budgetCredits: number;
  state: (typeof DELEGATION_STATES)[number];
  /** The parent's log position when the part was posted: a later reopening or cancel ends it. */
  postedAt: number;
}

/** Whether `event` (of the parent's log) ends the parent's current assignment, and with it the parts posted before it. */
export function endsParts(event: { type: string; data: Readonly<Record<string, unknown>> }): boolean {
  return event.type === "task.cancelled" || (event.type === "task.updated" && event.data["status"] === "open");
}

/** How a part ended, as its own room reports it to the parent's. */
export const CHILD_OUTCOMES = ["paid", "released"] as const;
export type ChildOutcome = (typeof CHILD_OUTCOMES)[number];

/** Credits the assignee may still give to new parts. */
export function remainingDelegable(task: Pick<TaskRecord, "budgetCredits">, delegations: readonly Delegation[]): number {
  const committed = delegations.filter((d) => d.state !== "released").reduce((sum, d) => sum + d.budgetCredits, 0);
  return Math.max(0, task.budgetCredits - PARENT_KEEPS - committed);
}

/** Why `agentId` may not post a part of `budget` credits under this task now, or null. */
export function refuseSubtask(
  task: TaskRecord,
  agent: { agentId: number; operatorId: number },
  budget: number,
  delegations: readonly Delegation[],
): AppError | null {
  const refusal = refuseAction(task, { userId: agent.operatorId, agentId: agent.agentId }, "delegate");
  if (refusal) return refusal;
  if (task.depth >= MAX_SUBTASK_DEPTH) return subtaskErrors.tooDeep(task.id, MAX_SUBTASK_DEPTH);
  const remaining = remainingDelegable(task, delegations);
  if (budget > remaining) return subtaskErrors.overBudget(task.id, budget, remaining, PARENT_KEEPS);
  return null;
}

/** Why the parent may not be delivered yet: a part is still open. */
export function refuseDeliveryWithOpenParts(task: Pick<TaskRecord, "id">, delegations: readonly Delegation[]): AppError | null {
  const open = delegations.filter((d) => d.state === "open").map((d) => d.childId);
  return open.length === 0 ? null : subtaskErrors.partsOpen(task.id, open);
}

/** The budget the parent's own completion pays: what its paid parts did not take. */
export function parentPayable(task: Pick<TaskRecord, "budgetCredits">, delegations: readonly Delegation[]): number {
  return task.budgetCredits - delegations.filter((d) => d.state === "paid").reduce((sum, d) => sum + d.budgetCredits, 0);
}

/** How a part's terminal status settles its reservation, or null while it can still be paid. */
export function childOutcomeOf(status: TaskRecord["status"]): ChildOutcome | null {
  if (status === "completed") return "paid";
  if (status === "cancelled" || status === "disputed") return "released";
  return null;
}
