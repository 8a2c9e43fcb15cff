/**
 * How many times an assignment (the accepted claim) may submit: `max_revisions + 1`. Counting per
 * assignment means a task reopened by a rollback gives its next agent a fresh allowance
 * (docs/decisions.md, 6).
 */
import type { TaskRecord } from "./task";

export function submissionsAllowed(task: Pick<TaskRecord, "maxRevisions">): number {
  return task.maxRevisions + 1;
}
