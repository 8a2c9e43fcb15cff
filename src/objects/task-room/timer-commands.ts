/**
 * What the task's timers do when they fall due (domain/timers.ts), and the heartbeat that keeps a
 * lease alive. Synchronous from first read to last write, like every room command (no await may
 * be added here): a timer fires through the same writes a person's command would make, so the
 * poster's accept and the auto-accept, or a late heartbeat and the expiry, meet in the room's
 * input gate and exactly one of them happens.
 */
import { heartbeatOf, leaseFrom, refuseHeartbeat } from "../../domain/leases";
import type { TaskRecord, WorkerReport } from "../../domain/task";
import { dueTimer, type TimerKind } from "../../domain/timers";
import { type AgentActor, Change, ok, type RoomResult, refuse } from "./change";
import { complete } from "./delivery-commands";
import type { RoomStore } from "./store";
import { cancel } from "./task-commands";

/** Bounds one call: each firing moves the task to a state without that timer, so few are ever due at once. */
const MAX_FIRINGS = 8;

/** Fires every timer due at `now`, earliest first; returns the kinds fired. */
export function fireDueTimers(store: RoomStore, now: Date): TimerKind[] {
  const fired: TimerKind[] = [];
  for (let i = 0; i < MAX_FIRINGS; i++) {
    const task = store.task();
    const due = task && dueTimer(task, now.getTime());
    if (!task || !due) break;
    const change = new Change(store, task, now.toISOString());
    if (due.effect === "expire_lease") expireLease(store, change);
    else if (due.effect === "auto_accept") autoAccept(store, change);
    else if (due.effect === "cancel_for_deadline") cancel(store, change, "deadline");
    else flagLate(change);
    fired.push(due.kind);
  }
  return fired;
}

/** The assignee went silent: its claim expires and the task reopens, as an abandon would. */
function expireLease(store: RoomStore, change: Change): void {
  const task = change.task;
  const claim = task.acceptedClaimId === null ? null : store.claim(task.acceptedClaimId);
  if (claim) {
    change.setClaimStatus(claim.id, "expired");
    change.emit("claim.lease_expired", { claim_id: claim.id, agent_id: claim.agentId, lease_expired_at: task.leaseExpiresAt ?? change.at });
  }
  change.updateTask({ status: "open", claimedByAgentId: null, acceptedClaimId: null });
}

/** Nobody decided within the window: the delivery is accepted through the poster's path, paid once. */
function autoAccept(store: RoomStore, change: Change): void {
  const latest = store.latestDeliverable();
  if (latest?.status === "submitted") complete(store, change, latest, true);
  // A delivered task always has its submission awaiting; should it not, the window simply ends.
  else change.updateTask({ autoAcceptAt: null });
}

/** The deadline passed while the task was held: flagged, and the poster decides what follows. */
function flagLate(change: Change): void {
  const agentId = change.task.claimedByAgentId;
  if (agentId !== null && change.task.deadline) change.emit("task.deadline_passed", { agent_id: agentId, deadline: change.task.deadline });
  change.updateTask({ late: true });
}

export interface Lease {
  taskId: number;
  status: TaskRecord["status"];
  leaseExpiresAt: string | null;
  late: boolean;
  /** Whether this heartbeat was announced as `task.progress` (they are throttled). */
  announced: boolean;
}

/** The assignee is alive: the lease runs again from now, and its report is kept (and announced, throttled). */
export function heartbeat(store: RoomStore, task: TaskRecord, agent: AgentActor, report: WorkerReport, at: string): RoomResult<Lease> {
  const refusal = refuseHeartbeat(task, agent.agentId, store.latestClaimOf(agent.agentId));
  if (refusal) return refuse(refusal);
  const { heartbeat, announce } = heartbeatOf(task, report, at);
  const change = new Change(store, task, at);
  if (announce) change.emit("task.progress", { agent_id: agent.agentId, ...report });
  change.renew({ leaseExpiresAt: leaseFrom(task, at), heartbeat });
  const now = change.task;
  return ok({ taskId: task.id, status: now.status, leaseExpiresAt: now.leaseExpiresAt, late: now.late, announced: announce });
}
