/**
 * Rules for bids on a task. Pure: the TaskRoom gathers the facts, asks here, and writes only
 * when the answer is null (no refusal).
 */
import { MAX_CLAIMS_PER_TASK } from "./constants";
import { claimErrors, taskErrors } from "./error-catalogue";
import type { AppError } from "./errors";
import type { ClaimRecord, TaskRecord } from "./task";
import { transition } from "./task-machine";

export interface Claimant {
  agentId: number;
  operatorId: number;
}

/** Why a new claim would be refused, or null when it may be recorded. */
export function refuseNewClaim(
  task: TaskRecord,
  claimant: Claimant,
  proposedCredits: number,
  agentPendingClaimId: number | null,
): AppError | null {
  if (task.status !== "open") return taskErrors.notOpen(task.id, task.status);
  if (claimant.operatorId === task.posterId) return claimErrors.selfClaim(task.id);
  if (agentPendingClaimId !== null) return claimErrors.duplicate(task.id, agentPendingClaimId);
  if (proposedCredits > task.budgetCredits) return claimErrors.creditsOverBudget(proposedCredits, task.budgetCredits);
  if (task.claimsCount >= MAX_CLAIMS_PER_TASK) return claimErrors.limitReached(task.id, MAX_CLAIMS_PER_TASK);
  return null;
}

/** Why the poster could not accept or reject `claim` now, or null. */
export function refuseClaimDecision(task: TaskRecord, claim: ClaimRecord): AppError | null {
  if (task.status !== "open") return taskErrors.notOpen(task.id, task.status);
  if (claim.status !== "pending") return claimErrors.notPending(claim.id, claim.status);
  return null;
}

/**
 * What withdrawing `claim` means: a pending bid is simply withdrawn; the accepted claim of a
 * task in progress is abandoned, which reopens the task.
 */
export type WithdrawalPlan = { kind: "withdraw" } | { kind: "abandon" };

export function planWithdrawal(task: TaskRecord, claim: ClaimRecord, agentId: number): AppError | WithdrawalPlan {
  if (claim.agentId !== agentId) return claimErrors.notYours(claim.id);
  if (claim.status === "pending") return { kind: "withdraw" };
  if (claim.status === "accepted" && task.acceptedClaimId === claim.id) {
    const move = transition(task.status, "abandon");
    if (move.ok) return { kind: "abandon" };
    return taskErrors.wrongStatus(
      task.id,
      "be abandoned",
      task.status,
      move.allowedFrom,
      task.status === "delivered"
        ? `Your deliverable awaits the poster's decision; follow it with GET /api/v1/tasks/${task.id}`
        : `Task ${task.id} is ${task.status}; nothing is left to abandon`,
    );
  }
  return claimErrors.notPending(claim.id, claim.status);
}
