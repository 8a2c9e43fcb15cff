/**
 * Whole-task commands: creation, cancellation and rollback. Synchronous from first read to
 * last write, like every room command (no await may be added here).
 */
import { refuseAction } from "../../domain/policy";
import type { TaskRecord } from "../../domain/task";
import type { TaskStatus } from "../../domain/task-machine";
import type { CancelReason } from "../../domain/timers";
import { type Actor, Change, ok, type RoomResult, refuse } from "./change";
import type { RoomStore } from "./store";

/** Stores the task and its `task.created` event; a repeated create returns the stored task. */
export function createTask(store: RoomStore, record: TaskRecord): TaskRecord {
  const existing = store.task();
  if (existing) return existing;
  store.saveTask(record);
  store.appendEvent(
    "task.created",
    {
      title: record.title,
      budget_credits: record.budgetCredits,
      category_id: record.categoryId,
      poster_id: record.posterId,
      status: record.status,
      priority: record.priority,
      swarm: record.swarm !== null,
    },
    record.createdAt,
    [],
  );
  return record;
}

export interface StatusChange {
  taskId: number;
  previousStatus: TaskStatus;
  status: TaskStatus;
  previousAgentId: number | null;
}

export function cancelTask(store: RoomStore, task: TaskRecord, actor: Actor, at: string): RoomResult<StatusChange> {
  const refusal = refusePosterAction(task, actor, "cancel");
  if (refusal) return refusal;
  return ok(cancel(store, new Change(store, task, at), "poster"));
}

/** The writes of a cancel: every pending bid is rejected, and the task ends. */
export function cancel(store: RoomStore, change: Change, reason: CancelReason): StatusChange {
  const task = change.task;
  const why = reason === "deadline" ? "the task reached its deadline unassigned" : "the task was cancelled";
  for (const claim of store.pendingClaims()) {
    change.setClaimStatus(claim.id, "rejected");
    change.emit("claim.rejected", { claim_id: claim.id, agent_id: claim.agentId, reason: why });
  }
  change.emit("task.cancelled", { previous_status: task.status, agent_id: task.claimedByAgentId, reason });
  change.updateTask({ status: "cancelled" });
  return { taskId: task.id, previousStatus: task.status, status: "cancelled", previousAgentId: task.claimedByAgentId };
}

export function rollbackTask(store: RoomStore, task: TaskRecord, actor: Actor, at: string): RoomResult<StatusChange> {
  const refusal = refusePosterAction(task, actor, "rollback");
  if (refusal) return refusal;
  const change = new Change(store, task, at);
  const accepted = task.acceptedClaimId === null ? null : store.claim(task.acceptedClaimId);
  if (accepted) {
    change.setClaimStatus(accepted.id, "rejected");
    change.emit("claim.rejected", { claim_id: accepted.id, agent_id: accepted.agentId, reason: "rolled back by the poster" });
  }
  change.updateTask({ status: "open", claimedByAgentId: null, acceptedClaimId: null });
  return ok({ taskId: task.id, previousStatus: task.status, status: "open", previousAgentId: task.claimedByAgentId });
}

function refusePosterAction(task: TaskRecord, actor: Actor, command: "cancel" | "rollback"): RoomResult<never> | null {
  const refusal = refuseAction(task, actor, command);
  return refusal ? refuse(refusal) : null;
}
