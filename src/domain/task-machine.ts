/**
 * The task lifecycle as data: which action moves a task from which states to which state.
 * The TaskRoom asks `transition` before every change; guards that need more than the status
 * (who acts, how many submissions remain) live beside the rule they belong to.
 */

export const TASK_STATUSES = ["open", "claimed", "in_progress", "delivered", "completed", "cancelled", "disputed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses a browse may filter on; cancelled and disputed tasks are not listed. */
export const BROWSABLE_STATUSES = ["open", "claimed", "in_progress", "delivered", "completed"] as const;

export const TASK_TRANSITIONS = {
  accept_claim: { from: ["open"], to: "claimed" },
  cancel: { from: ["open", "claimed", "in_progress"], to: "cancelled" },
  start: { from: ["claimed", "in_progress"], to: "in_progress" },
  deliver: { from: ["claimed", "in_progress"], to: "delivered" },
  accept_deliverable: { from: ["delivered"], to: "completed" },
  request_revision: { from: ["delivered"], to: "in_progress" },
  reject_deliverable: { from: ["delivered"], to: "disputed" },
  rollback: { from: ["claimed", "in_progress"], to: "open" },
  abandon: { from: ["claimed", "in_progress"], to: "open" },
} as const satisfies Record<string, { from: readonly TaskStatus[]; to: TaskStatus }>;

export type TaskAction = keyof typeof TASK_TRANSITIONS;
export const TASK_ACTIONS = Object.keys(TASK_TRANSITIONS) as TaskAction[];

export type TransitionResult =
  | { ok: true; from: TaskStatus; to: TaskStatus }
  | { ok: false; from: TaskStatus; allowedFrom: readonly TaskStatus[] };

/** Whether `action` may run on a task in `status`, and where it leads. */
export function transition(status: TaskStatus, action: TaskAction): TransitionResult {
  const rule = TASK_TRANSITIONS[action];
  const allowedFrom: readonly TaskStatus[] = rule.from;
  return allowedFrom.includes(status) ? { ok: true, from: status, to: rule.to } : { ok: false, from: status, allowedFrom };
}

/** Statuses after which nothing more happens to a task. */
export const TERMINAL_STATUSES: readonly TaskStatus[] = ["completed", "cancelled", "disputed"];
