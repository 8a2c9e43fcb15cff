/**
 * The work itself: start, deliver, and the poster's decisions on a deliverable. Synchronous
 * from first read to last write, like every room command (no await may be added here).
 */
import { type DeliverableDecision, refuseDeliverableDecision, refuseDelivery, submissionsAllowed } from "../../domain/deliverables";
import { deliverableErrors, taskErrors } from "../../domain/error-catalogue";
import { leaseFrom } from "../../domain/leases";
import { settleTask } from "../../domain/ledger";
import { refuseAction, refuseRole } from "../../domain/policy";
import { parentPayable, refuseDeliveryWithOpenParts } from "../../domain/subtasks";
import type { DeliverableRecord, TaskRecord } from "../../domain/task";
import { transition } from "../../domain/task-machine";
import { type Actor, type AgentActor, Change, ok, type RoomResult, refuse } from "./change";
import type { RoomStore } from "./store";

export function startWork(store: RoomStore, task: TaskRecord, agent: AgentActor, at: string): RoomResult<TaskRecord> {
  const refusal = refuseAction(task, { userId: agent.operatorId, agentId: agent.agentId }, "start");
  if (refusal) return refuse(refusal);
  const move = transition(task.status, "start");
  if (!move.ok) return ok(task);
  // Starting (or starting again) is a sign of life: the lease runs from now.
  const change = new Change(store, task, at);
  if (task.status === move.to) change.renew({ leaseExpiresAt: leaseFrom(task, at) });
  else change.updateTask({ status: move.to, leaseExpiresAt: leaseFrom(task, at) });
  return ok(change.task);
}

export function deliver(store: RoomStore, task: TaskRecord, agent: AgentActor, content: string, at: string): RoomResult<DeliverableRecord> {
  const used = store.submissionsOf(task.acceptedClaimId);
  const refusal =
    refuseDelivery(task, { userId: agent.operatorId, agentId: agent.agentId }, used) ??
    refuseDeliveryWithOpenParts(task, store.parts.all());
  if (refusal) return refuse(refusal);
  if (task.acceptedClaimId === null) return refuse(taskErrors.notDeliverable(task.id, task.status));

  const change = new Change(store, task, at);
  const deliverable = store.addDeliverable(
    task,
    {
      agentId: agent.agentId,
      claimId: task.acceptedClaimId,
      content,
      status: "submitted",
      revisionNumber: used + 1,
      revisionNotes: null,
      rejectionReason: null,
      submittedAt: at,
      updatedAt: at,
    },
    change.version,
  );
  change.emit("deliverable.submitted", {
    deliverable_id: deliverable.id,
    agent_id: agent.agentId,
    revision_number: deliverable.revisionNumber,
    // The reviewer's queue picks up submissions of auto-reviewed tasks from this event.
    auto_review: task.autoReviewEnabled,
  });
  change.updateTask({ status: "delivered", deliverablesCount: task.deliverablesCount + 1 });
  return ok(deliverable);
}

export interface Completion {
  taskId: number;
  deliverableId: number;
  status: "completed";
  creditsPaid: number;
  platformFee: number;
}

export function acceptDeliverable(
  store: RoomStore,
  task: TaskRecord,
  actor: Actor,
  deliverableId: number,
  at: string,
): RoomResult<Completion> {
  const found = posterDecision(store, task, actor, deliverableId, "accept_deliverable");
  if (!found.ok) return found;
  return ok(complete(store, new Change(store, task, at), found.value));
}

/**
 * The writes of an accepted deliverable: the task completes, and the payment is decided here, once,
 * and recorded with the command (the projection writes its transfers as given). The payee is the
 * operator of the claim the work was delivered under.
 */
export function complete(store: RoomStore, change: Change, deliverable: DeliverableRecord, autoAccepted = false): Completion {
  const task = change.task;
  const claim = store.claim(deliverable.claimId);
  if (!claim) throw new Error(`deliverable ${deliverable.id} names claim ${deliverable.claimId}, which the room does not hold`);
  // What the task's paid parts took is not minted twice: a tree mints at most its root's budget.
  const settlement = settleTask(task.id, claim.operatorId, parentPayable(task, store.parts.all()));
  store.updateDeliverable(deliverable.id, { status: "accepted" }, change.at, change.version);
  store.recordPayment(change.version, claim.agentId, settlement.transfers);
  change.emit("deliverable.accepted", {
    deliverable_id: deliverable.id,
    agent_id: deliverable.agentId,
    credits_paid: settlement.creditsPaid,
    platform_fee: settlement.platformFee,
    auto_accepted: autoAccepted,
  });
  change.updateTask({ status: "completed" });
  return {
    taskId: task.id,
    deliverableId: deliverable.id,
    status: "completed",
    creditsPaid: settlement.creditsPaid,
    platformFee: settlement.platformFee,
  };
}

export interface RevisionRequest {
  taskId: number;
  deliverableId: number;
  status: "revision_requested";
  revisionNotes: string;
  submissionsRemaining: number;
}

export function requestRevision(
  store: RoomStore,
  task: TaskRecord,
  actor: Actor,
  deliverableId: number,
  notes: string,
  at: string,
): RoomResult<RevisionRequest> {
  const found = posterDecision(store, task, actor, deliverableId, "request_revision");
  if (!found.ok) return found;
  return ok(sendBack(store, new Change(store, task, at), found.value, notes));
}

/** The writes of a deliverable sent back with notes: the task is in progress again. */
export function sendBack(store: RoomStore, change: Change, deliverable: DeliverableRecord, notes: string): RevisionRequest {
  const task = change.task;
  const remaining = submissionsAllowed(task) - store.submissionsOf(task.acceptedClaimId);
  store.updateDeliverable(deliverable.id, { status: "revision_requested", revisionNotes: notes }, change.at, change.version);
  change.emit("deliverable.revision_requested", {
    deliverable_id: deliverable.id,
    agent_id: deliverable.agentId,
    revision_notes: notes,
    submissions_remaining: remaining,
  });
  change.updateTask({ status: "in_progress" });
  return {
    taskId: task.id,
    deliverableId: deliverable.id,
    status: "revision_requested",
    revisionNotes: notes,
    submissionsRemaining: remaining,
  };
}

export interface FinalRejection {
  taskId: number;
  deliverableId: number;
  status: "rejected";
  taskStatus: "disputed";
  reason: string;
}

export function rejectDeliverable(
  store: RoomStore,
  task: TaskRecord,
  actor: Actor,
  deliverableId: number,
  reason: string,
  at: string,
): RoomResult<FinalRejection> {
  const found = posterDecision(store, task, actor, deliverableId, "reject_deliverable");
  if (!found.ok) return found;
  const change = new Change(store, task, at);
  store.updateDeliverable(deliverableId, { status: "rejected", rejectionReason: reason }, at, change.version);
  change.emit("deliverable.rejected", { deliverable_id: deliverableId, agent_id: found.value.agentId, reason });
  change.updateTask({ status: "disputed" });
  return ok({ taskId: task.id, deliverableId, status: "rejected", taskStatus: "disputed", reason });
}

/** The deliverable a poster's decision applies to, once every rule allows the decision. */
function posterDecision(
  store: RoomStore,
  task: TaskRecord,
  actor: Actor,
  deliverableId: number,
  decision: DeliverableDecision,
): RoomResult<DeliverableRecord> {
  const notPoster = refuseRole(task, actor, decision);
  if (notPoster) return refuse(notPoster);
  return allowedDecision(store, task, deliverableId, decision);
}

/** The deliverable `decision` may be taken on now, by whoever may take it. */
export function allowedDecision(
  store: RoomStore,
  task: TaskRecord,
  deliverableId: number,
  decision: DeliverableDecision,
): RoomResult<DeliverableRecord> {
  const deliverable = store.deliverable(deliverableId);
  const refusal = refuseDeliverableDecision(task, deliverableId, deliverable, decision, store.submissionsOf(task.acceptedClaimId));
  if (refusal) return refuse(refusal);
  // refuseDeliverableDecision refuses a missing deliverable; this narrows the type.
  return deliverable ? ok(deliverable) : refuse(deliverableErrors.notFound(task.id, deliverableId));
}
