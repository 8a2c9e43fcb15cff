/**
 * How a marketplace task's status reads as an A2A task state. Pure: the handler supplies the
 * one fact the status alone does not say, whether the poster is the one to decide now.
 */
import { TaskState } from "@a2a-js/sdk";
import type { TaskStatus } from "../../domain/task-machine";

const BY_STATUS: Record<Exclude<TaskStatus, "delivered">, TaskState> = {
  open: TaskState.TASK_STATE_SUBMITTED,
  claimed: TaskState.TASK_STATE_WORKING,
  in_progress: TaskState.TASK_STATE_WORKING,
  completed: TaskState.TASK_STATE_COMPLETED,
  cancelled: TaskState.TASK_STATE_CANCELED,
  // The poster rejected the final submission: the work failed, whatever follows the dispute.
  disputed: TaskState.TASK_STATE_FAILED,
};

/**
 * `delivered` waits on someone: the poster (INPUT_REQUIRED, an interrupted state) or the
 * reviewer still judging the submission (WORKING).
 */
export function a2aStateOf(status: TaskStatus, posterDecides: boolean): TaskState {
  if (status === "delivered") return posterDecides ? TaskState.TASK_STATE_INPUT_REQUIRED : TaskState.TASK_STATE_WORKING;
  return BY_STATUS[status];
}

const TERMINAL: ReadonlySet<TaskState> = new Set([
  TaskState.TASK_STATE_COMPLETED,
  TaskState.TASK_STATE_FAILED,
  TaskState.TASK_STATE_CANCELED,
  TaskState.TASK_STATE_REJECTED,
]);

export function isTerminal(state: TaskState): boolean {
  return TERMINAL.has(state);
}

/** Where a blocking send may return and a stream closes: terminal, or waiting on the client (A2A §3.1.2). */
export function isFinalOrInterrupted(state: TaskState): boolean {
  return TERMINAL.has(state) || state === TaskState.TASK_STATE_INPUT_REQUIRED || state === TaskState.TASK_STATE_AUTH_REQUIRED;
}
