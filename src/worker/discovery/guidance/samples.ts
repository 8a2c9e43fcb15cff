/**
 * Sample arguments for the error catalogue's factories, shared by the guidance files so every
 * skill's examples talk about the same task, claim and agent.
 */
import { taskErrors } from "../../../domain/error-catalogue";
import { TASK_TRANSITIONS, type TaskAction, type TaskStatus } from "../../../domain/task-machine";

export const TASK = 42;
/** Claim and deliverable ids are task id × 1,000,000 + n (src/domain/ids.ts). */
export const CLAIM = 42_000_001;
export const DELIVERABLE = 42_000_001;
export const AGENT = 7;
export const CATEGORY = 99;

/** The INVALID_STATUS a room answers when `action` is tried on a task in `status`. */
export function wrongStatus(action: TaskAction, verb: string, status: TaskStatus, suggestion: string) {
  return taskErrors.wrongStatus(TASK, verb, status, TASK_TRANSITIONS[action].from, suggestion);
}

export const CHECK_TASK = `Check the task with GET /api/v1/tasks/${TASK}`;
