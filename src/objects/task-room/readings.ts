/** Reads of one task from its room, so a caller always reads its own writes whatever D1 has yet taken. */
import type { TaskProgress } from "../../domain/next-actions";
import type { Delegation } from "../../domain/subtasks";
import type { ClaimRecord, DeliverableRecord, TaskRecord } from "../../domain/task";
import type { RoomStore } from "./store";

/** What a reader of one task gets from its room. */
export interface TaskReading {
  task: TaskRecord;
  /** Its parts (subtasks), oldest first. */
  parts: Delegation[];
  /** The viewing agent's pending claim on the task. */
  pendingClaimId: number | null;
  progress: TaskProgress;
}

/** The task with the facts next_actions asks about (for `agentId`, the viewer's agent). */
export function readTask(store: RoomStore, agentId: number | null): TaskReading | null {
  const task = store.task();
  if (!task) return null;
  const latest = store.latestDeliverable();
  return {
    task,
    parts: store.parts.all(),
    pendingClaimId: agentId === null ? null : (store.pendingClaimOf(agentId)?.id ?? null),
    progress: {
      latestDeliverable: latest && { id: latest.id, status: latest.status },
      submissionsUsed: store.submissionsOf(task.acceptedClaimId),
    },
  };
}

/** The task and every claim on it, newest first. */
export function listClaims(store: RoomStore): { task: TaskRecord; claims: ClaimRecord[] } | null {
  const task = store.task();
  return task && { task, claims: store.allClaims() };
}

/** The task and every submission, in submission order. */
export function listDeliverables(store: RoomStore): { task: TaskRecord; deliverables: DeliverableRecord[] } | null {
  const task = store.task();
  return task && { task, deliverables: store.allDeliverables() };
}
