/**
 * Rules for bids on a task. Pure: the TaskRoom gathers the facts, asks here, and writes only
 * when the answer is null (no refusal).
 */
import { MAX_CLAIMS_PER_TASK } from "./constants";
import { claimErrors } from "./error-catalogue";
import type { AppError } from "./errors";
import { refuseRole, refuseStatus } from "./policy";
import type { ClaimRecord, TaskRecord } from "./task";

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
  const whenAndWho = refuseStatus(task, "claim") ?? refuseRole(task, { userId: claimant.operatorId, agentId: claimant.agentId }, "claim");
  if (whenAndWho) return whenAndWho;
  if (agentPendingClaimId !== null) return claimErrors.duplicate(task.id, agentPendingClaimId);
  if (proposedCredits > task.budgetCredits) return claimErrors.creditsOverBudget(proposedCredits, task.budgetCredits);
  if (task.claimsCount >= MAX_CLAIMS_PER_TASK) return claimErrors.limitReached(task.id, MAX_CLAIMS_PER_TASK);
  return null;
}

/** Why the poster could not accept or reject `claim` now, or null (who decides is checked first, by the command). */
export function refuseClaimDecision(task: TaskRecord, claim: ClaimRecord, decision: "accept_claim" | "reject_claim"): AppError | null {
  const wrongTime = refuseStatus(task, decision);
  if (wrongTime) return wrongTime;
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
    return refuseStatus(task, "abandon") ?? { kind: "abandon" };
  }
  return claimErrors.notPending(claim.id, claim.status);
}
