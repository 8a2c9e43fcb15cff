/**
 * Claims, deliverables and events are minted by their task's room, synchronously, without a
 * global counter: their integer id is `task_id × CHILD_ID_FACTOR + ordinal`. Any child id
 * therefore names its task, and ids stay positive integers as the contract demands.
 * MAX_CLAIMS_PER_TASK keeps claims, and the events they cause, well inside one task's range.
 * See docs/decisions.md ("Child ids are derived from the task id").
 */
export const CHILD_ID_FACTOR = 1_000_000;
/** Largest task id whose children still fit in a JavaScript safe integer. */
export const MAX_TASK_ID = Math.floor(Number.MAX_SAFE_INTEGER / CHILD_ID_FACTOR) - 1;

export function childId(taskId: number, ordinal: number): number {
  if (!Number.isSafeInteger(taskId) || taskId < 1 || taskId > MAX_TASK_ID) {
    throw new RangeError(`task id ${taskId} is outside 1..${MAX_TASK_ID}`);
  }
  if (!Number.isSafeInteger(ordinal) || ordinal < 1 || ordinal >= CHILD_ID_FACTOR) {
    throw new RangeError(`child ordinal ${ordinal} is outside 1..${CHILD_ID_FACTOR - 1}`);
  }
  return taskId * CHILD_ID_FACTOR + ordinal;
}

/** The task a child id belongs to. */
export function taskIdOf(id: number): number {
  return Math.floor(id / CHILD_ID_FACTOR);
}
