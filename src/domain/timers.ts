/**
 * A task's timers: the time-based rules that guarantee progress. They are not rows of their own
 * but facts of the task record (a lease's end, an auto-accept time, the deadline), so a timer
 * can never disagree with the state it acts on: once one fires, the state it leads to no longer
 * has it, which is why an alarm that fires twice, late, or after an eviction changes nothing twice.
 * The TaskRoom keeps its one alarm at the earliest due time (`nextDueAt`) and, when it wakes or
 * before any command, fires what is due (`dueTimer`, one at a time, in due order).
 */
import { heldBySwarm } from "./swarm/record";
import type { TaskRecord } from "./task";
import type { TaskStatus } from "./task-machine";
import { secondsAfter } from "./timing";

export const TIMER_KINDS = ["lease", "auto_accept", "deadline"] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/** Who cancelled a task: its poster, its deadline while it was still open, or its parent ending (subtasks.ts). */
export const CANCEL_REASONS = ["poster", "deadline", "parent"] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** What firing a timer does to the task, decided by its kind and the task's status. */
export type TimerEffect = "expire_lease" | "auto_accept" | "cancel_for_deadline" | "flag_late";

type Timed = Pick<TaskRecord, "status" | "deadline" | "late" | "leaseExpiresAt" | "autoAcceptAt">;

const ASSIGNED: readonly TaskStatus[] = ["claimed", "in_progress"];

export function isAssigned(status: TaskStatus): boolean {
  return ASSIGNED.includes(status);
}

export interface Timer {
  kind: TimerKind;
  /** Milliseconds since the epoch. */
  dueAt: number;
}

/** The timers the task's state is waiting on, earliest first. */
export function timersOf(task: Timed): Timer[] {
  const timers: Timer[] = [];
  if (isAssigned(task.status) && task.leaseExpiresAt) timers.push({ kind: "lease", dueAt: Date.parse(task.leaseExpiresAt) });
  if (task.status === "delivered" && task.autoAcceptAt) timers.push({ kind: "auto_accept", dueAt: Date.parse(task.autoAcceptAt) });
  // An open task is cancelled at its deadline; an assigned one is flagged late once.
  if (task.deadline && (task.status === "open" || (isAssigned(task.status) && !task.late))) {
    timers.push({ kind: "deadline", dueAt: Date.parse(task.deadline) });
  }
  return timers.sort((a, b) => a.dueAt - b.dueAt);
}

/** When the room's alarm must next fire for the task's timers, or null when none runs. */
export function nextDueAt(task: Timed): number | null {
  return timersOf(task)[0]?.dueAt ?? null;
}

/** The earliest timer due at `now` and what firing it does, or null when nothing is due. */
export function dueTimer(task: Timed, now: number): { kind: TimerKind; effect: TimerEffect } | null {
  const timer = timersOf(task)[0];
  if (!timer || timer.dueAt > now) return null;
  return { kind: timer.kind, effect: effectOf(timer.kind, task.status) };
}

function effectOf(kind: TimerKind, status: TaskStatus): TimerEffect {
  if (kind === "lease") return "expire_lease";
  if (kind === "auto_accept") return "auto_accept";
  return status === "open" ? "cancel_for_deadline" : "flag_late";
}

type Scheduled = Pick<TaskRecord, "leaseExpiresAt" | "autoAcceptAt" | "heartbeat">;
type Schedulable = Timed &
  Pick<TaskRecord, "leaseSeconds" | "autoAcceptSeconds" | "autoReviewEnabled" | "heartbeat" | "swarm" | "claimedByAgentId">;

/**
 * The timer fields after a change from `before` to `after`, unless the change set them itself
 * (`explicit`): a lease starts when the task becomes assigned (an accepted claim, or work sent
 * back for revision) and ends when it stops being assigned; an auto-accept window starts with a
 * delivery, unless the reviewer judges it first (the reviewer starts it when it hands the decision
 * back), and ends with any decision. The heartbeat belongs to the assignment and ends with it.
 * A swarm's coordinator holds its task without a lease: the platform is the worker, and its
 * steps are driven by the task's own changes, not by heartbeats.
 */
export function scheduleTimers(before: Schedulable, after: Schedulable, explicit: Partial<Scheduled>, at: string): Scheduled {
  const wasAssigned = isAssigned(before.status);
  const assigned = isAssigned(after.status);
  const leaseExpiresAt =
    !assigned || heldBySwarm(after)
      ? null
      : "leaseExpiresAt" in explicit
        ? (explicit.leaseExpiresAt ?? null)
        : wasAssigned
          ? before.leaseExpiresAt
          : secondsAfter(at, after.leaseSeconds);
  const delivered = after.status === "delivered";
  const autoAcceptAt = !delivered
    ? null
    : "autoAcceptAt" in explicit
      ? (explicit.autoAcceptAt ?? null)
      : before.status === "delivered"
        ? before.autoAcceptAt
        : after.autoReviewEnabled
          ? null
          : autoAcceptFrom(after, at);
  const heartbeat = "heartbeat" in explicit ? (explicit.heartbeat ?? null) : assigned || delivered ? after.heartbeat : null;
  return { leaseExpiresAt, autoAcceptAt, heartbeat };
}

/** When a delivery waiting from `at` is accepted for the poster, or null when the task never does. */
export function autoAcceptFrom(task: Pick<TaskRecord, "autoAcceptSeconds">, at: string): string | null {
  return task.autoAcceptSeconds === null ? null : secondsAfter(at, task.autoAcceptSeconds);
}
