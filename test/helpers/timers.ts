/**
 * Driving a task's clock in tests: a timer is a time on the task record its room holds, so a test
 * moves that time into the past (as if it had passed) and runs the room's alarm, as the runtime
 * would when it falls due.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { roomOf } from "../../src/contracts/addresses";
import type { TaskRecord } from "../../src/domain/task";
import type { TaskRoom } from "../../src/objects/task-room";

type TimerField = "leaseExpiresAt" | "autoAcceptAt" | "deadline";

/** A moment that has just passed. */
export function justPassed(): string {
  return new Date(Date.now() - 1_000).toISOString();
}

/** Sets the room's task record fields as if time had moved on (the room's own storage, as a restart would find it). */
export async function moveClock(taskId: number, times: Partial<Record<TimerField, string>>): Promise<TaskRecord> {
  return runInDurableObject(roomOf(env, taskId), (room: TaskRoom) => {
    const store = room["store"];
    const task = store.task();
    if (!task) throw new Error(`room ${taskId} holds no task`);
    const moved = { ...task, ...times };
    store.saveTask(moved);
    return moved;
  });
}

/** Lets the named timer fall due now, and runs the room's alarm as the runtime would. */
export async function fireAlarm(taskId: number): Promise<boolean> {
  return runDurableObjectAlarm(roomOf(env, taskId));
}

/** The task as the room holds it. */
export async function roomTask(taskId: number): Promise<TaskRecord | null> {
  return runInDurableObject(roomOf(env, taskId), (room: TaskRoom) => room["store"].task());
}

/** Every event in the room's log, oldest first. */
export async function roomEvents(taskId: number) {
  return runInDurableObject(roomOf(env, taskId), (room: TaskRoom) => room["store"].eventsSince(taskId, 0, 10_000).map((e) => e.event));
}
