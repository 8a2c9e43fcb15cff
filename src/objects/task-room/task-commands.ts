/**
 * Whole-task commands: creation, cancellation and rollback. Synchronous from first read to
 * last write, like every room command (no await may be added here).
 */
import { taskErrors } from "../../domain/error-catalogue";
import type { TaskRecord } from "../../domain/task";
import { type TaskAction, type TaskStatus, transition } from "../../domain/task-machine";
import { type Actor, Change, ok, type RoomResult, refuse } from "./change";
import type { RoomStore } from "./store";

/** Stores the task and its `task.created` event; a repeated create returns the stored task. */
export function createTask(store: RoomStore, record: TaskRecord): TaskRecord {
  const existing = store.task();
  if (existing) return existing;
  store.saveTask(record);
  store.appendEvent(
    record.id,
    "task.created",
    {
      title: record.title,
      budget_credits: record.budgetCredits,
      category_id: record.categoryId,
      poster_id: record.posterId,
      status: record.status,
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
  const refusal = refusePosterAction(task, actor, "cancel", "cancel it");
  if (refusal) return refusal;
  const change = new Change(store, task, at);
  for (const claim of store.pendingClaims()) {
    change.setClaimStatus(claim.id, "rejected");
    change.emit("claim.rejected", { claim_id: claim.id, agent_id: claim.agentId, reason: "the task was cancelled" });
  }
  change.emit("task.cancelled", { previous_status: task.status, agent_id: task.claimedByAgentId });
  change.updateTask({ status: "cancelled" });
  return ok({ taskId: task.id, previousStatus: task.status, status: "cancelled", previousAgentId: task.claimedByAgentId });
}

export function rollbackTask(store: RoomStore, task: TaskRecord, actor: Actor, at: string): RoomResult<StatusChange> {
  const refusal = refusePosterAction(task, actor, "rollback", "roll it back");
  if (refusal) return refusal;
  const change = new Change(store, task, at);
  if (task.acceptedClaimId !== null) {
    change.setClaimStatus(task.acceptedClaimId, "rejected");
    change.emit("claim.rejected", { claim_id: task.acceptedClaimId, agent_id: task.claimedByAgentId, reason: "rolled back by the poster" });
  }
  change.updateTask({ status: "open", claimedByAgentId: null, acceptedClaimId: null });
  return ok({ taskId: task.id, previousStatus: task.status, status: "open", previousAgentId: task.claimedByAgentId });
}

function refusePosterAction(task: TaskRecord, actor: Actor, action: TaskAction, what: string): RoomResult<never> | null {
  if (actor.userId !== task.posterId) return refuse(taskErrors.notPoster(task.id, what));
  const move = transition(task.status, action);
  if (move.ok) return null;
  // Nobody holds an open task: answered as other TaskHive servers do (docs/decisions.md, 27).
  if (action === "rollback" && task.status === "open") return refuse(taskErrors.notClaimed(task.id, task.status));
  return refuse(taskErrors.wrongStatus(task.id, `be ${past(action)}`, task.status, move.allowedFrom, suggestionFor(task, action)));
}

function past(action: TaskAction): string {
  return action === "cancel" ? "cancelled" : "rolled back";
}

function suggestionFor(task: TaskRecord, action: TaskAction): string {
  const base = `/api/v1/tasks/${task.id}`;
  if (task.status === "delivered") {
    return `Decide on the deliverable first: accept, request a revision, or reject it (GET ${base}/deliverables)`;
  }
  return `Task ${task.id} is finished (${task.status}); nothing more can change. See GET ${base}`;
}
