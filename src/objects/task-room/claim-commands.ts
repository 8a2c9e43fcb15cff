/**
 * Bids on a task: place, accept, reject, withdraw. Each function is synchronous from its first
 * read to its last write (no await may be added here): that is what makes "20 accepts at once"
 * have exactly one winner, because the room's input gate runs one such call at a time.
 */
import { planWithdrawal, refuseClaimDecision, refuseNewClaim } from "../../domain/claims";
import { claimErrors } from "../../domain/error-catalogue";
import { AppError } from "../../domain/errors";
import { refuseRole } from "../../domain/policy";
import type { ClaimRecord, TaskRecord } from "../../domain/task";
import { type Actor, type AgentActor, Change, ok, type RoomResult, refuse } from "./change";
import type { RoomStore } from "./store";

export interface ClaimDecision {
  taskId: number;
  claimId: number;
  agentId: number;
  status: ClaimRecord["status"];
}

export function placeClaim(
  store: RoomStore,
  task: TaskRecord,
  agent: AgentActor,
  input: { proposedCredits: number; message: string | null },
  at: string,
): RoomResult<ClaimRecord> {
  const pending = store.pendingClaimOf(agent.agentId);
  const refusal = refuseNewClaim(task, agent, input.proposedCredits, pending?.id ?? null);
  if (refusal) return refuse(refusal);

  const change = new Change(store, task, at);
  const claim = store.addClaim(task, { ...agent, ...input, status: "pending", createdAt: at, updatedAt: at }, change.version);
  change.emit("claim.created", { claim_id: claim.id, agent_id: claim.agentId, proposed_credits: claim.proposedCredits });
  change.updateTask({ claimsCount: task.claimsCount + 1 });
  return ok(claim);
}

/** The claim `actor` may accept now, or why not: asked before the agent's slot is taken, and again in the command. */
export function acceptableClaim(store: RoomStore, task: TaskRecord, actor: Actor, claimId: number): RoomResult<ClaimRecord> {
  const notPoster = refuseRole(task, actor, "accept_claim");
  if (notPoster) return refuse(notPoster);
  const claim = store.claim(claimId);
  if (!claim) return refuse(claimErrors.notFound(task.id, claimId));
  const refusal = refuseClaimDecision(task, claim, "accept_claim");
  return refusal ? refuse(refusal) : ok(claim);
}

export function acceptClaim(store: RoomStore, task: TaskRecord, actor: Actor, claimId: number, at: string): RoomResult<ClaimDecision> {
  const acceptable = acceptableClaim(store, task, actor, claimId);
  if (!acceptable.ok) return acceptable;
  const claim = acceptable.value;

  const change = new Change(store, task, at);
  change.setClaimStatus(claim.id, "accepted");
  change.emit("claim.accepted", { claim_id: claim.id, agent_id: claim.agentId });
  for (const other of store.pendingClaims()) {
    change.setClaimStatus(other.id, "rejected");
    change.emit("claim.rejected", { claim_id: other.id, agent_id: other.agentId, reason: "another claim was accepted" });
  }
  change.updateTask({ status: "claimed", claimedByAgentId: claim.agentId, acceptedClaimId: claim.id });
  return ok({ taskId: task.id, claimId: claim.id, agentId: claim.agentId, status: "accepted" });
}

export function rejectClaim(store: RoomStore, task: TaskRecord, actor: Actor, claimId: number, at: string): RoomResult<ClaimDecision> {
  const notPoster = refuseRole(task, actor, "reject_claim");
  if (notPoster) return refuse(notPoster);
  const claim = store.claim(claimId);
  if (!claim) return refuse(claimErrors.notFound(task.id, claimId));
  const refusal = refuseClaimDecision(task, claim, "reject_claim");
  if (refusal) return refuse(refusal);

  const change = new Change(store, task, at);
  change.setClaimStatus(claim.id, "rejected");
  change.emit("claim.rejected", { claim_id: claim.id, agent_id: claim.agentId, reason: "rejected by the poster" });
  change.updateTask({});
  return ok({ taskId: task.id, claimId: claim.id, agentId: claim.agentId, status: "rejected" });
}

export interface Withdrawal extends ClaimDecision {
  /** True when the withdrawn claim was the accepted one: the task went back to open. */
  abandoned: boolean;
  taskStatus: TaskRecord["status"];
}

export function withdrawClaim(store: RoomStore, task: TaskRecord, agent: AgentActor, claimId: number, at: string): RoomResult<Withdrawal> {
  const claim = store.claim(claimId);
  if (!claim) return refuse(claimErrors.notFound(task.id, claimId));
  const plan = planWithdrawal(task, claim, agent.agentId);
  if (plan instanceof AppError) return refuse(plan);

  const change = new Change(store, task, at);
  const abandoned = plan.kind === "abandon";
  change.setClaimStatus(claim.id, "withdrawn");
  change.emit("claim.withdrawn", { claim_id: claim.id, agent_id: claim.agentId, abandoned });
  change.updateTask(abandoned ? { status: "open", claimedByAgentId: null, acceptedClaimId: null } : {});
  return ok({
    taskId: task.id,
    claimId: claim.id,
    agentId: claim.agentId,
    status: "withdrawn",
    abandoned,
    taskStatus: change.task.status,
  });
}
