/**
 * Leases: an assignment lasts `leaseSeconds` past its last sign of life (accepting the claim,
 * starting work, a heartbeat). Pure rules: who may heartbeat, what a heartbeat writes, and when
 * it is announced as `task.progress`.
 */
import { leaseErrors } from "./error-catalogue/leases";
import { taskErrors } from "./error-catalogue/tasks";
import type { AppError } from "./errors";
import type { ClaimRecord, HeartbeatRecord, TaskRecord, WorkerReport } from "./task";
import { isAssigned } from "./timers";
import { PROGRESS_EVENT_INTERVAL_SECONDS, secondsAfter } from "./timing";

/**
 * Why `agentId` may not heartbeat the task, given its latest claim on it: the task was cancelled
 * or its assignment ended (said so, so the worker stops), or it is not the agent's to work on.
 */
export function refuseHeartbeat(task: TaskRecord, agentId: number, latestClaim: ClaimRecord | null): AppError | null {
  if (task.claimedByAgentId === agentId && isAssigned(task.status)) return null;
  const held = latestClaim !== null && latestClaim.status !== "pending";
  if (task.status === "cancelled" && held) return leaseErrors.cancelled(task.id);
  if (task.claimedByAgentId === agentId) return leaseErrors.notRunning(task.id, task.status);
  if (latestClaim && (latestClaim.status === "expired" || latestClaim.status === "rejected")) {
    return leaseErrors.assignmentEnded(task.id, latestClaim.id, latestClaim.status);
  }
  return taskErrors.notClaimedByYou(task.id);
}

/** The heartbeat a report makes at `at`, and whether it is announced (at most one event per interval). */
export function heartbeatOf(task: TaskRecord, report: WorkerReport, at: string): { heartbeat: HeartbeatRecord; announce: boolean } {
  const last = task.heartbeat?.announcedAt ?? null;
  const reports = report.progress !== null || report.note !== null || report.resources !== null;
  const announce = reports && (last === null || secondsAfter(last, PROGRESS_EVENT_INTERVAL_SECONDS) <= at);
  return { heartbeat: { ...report, at, announcedAt: announce ? at : last }, announce };
}

/** The lease's new end after a sign of life at `at`. */
export function leaseFrom(task: Pick<TaskRecord, "leaseSeconds">, at: string): string {
  return secondsAfter(at, task.leaseSeconds);
}
