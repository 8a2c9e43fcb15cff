/**
 * Who may do what to a task, and when: one table, read two ways. The TaskRoom's commands ask
 * `refuseRole` and `refuseStatus` (in the order their error contract needs, `refuseAction` for
 * the usual one); next-actions.ts offers a viewer exactly the rows it may act on now. The statuses
 * of every state-changing action come from the state machine (task-machine.ts), so a new action
 * is one row here, one transition there, and its command.
 */

import { claimErrors } from "./error-catalogue/claims";
import { taskErrors } from "./error-catalogue/tasks";
import type { AppError } from "./errors";
import type { TaskRecord } from "./task";
import { TASK_TRANSITIONS, type TaskStatus } from "./task-machine";

/** What the rules read of a task. */
export type PolicyTask = Pick<
  TaskRecord,
  "id" | "status" | "posterId" | "claimedByAgentId" | "acceptedClaimId" | "maxRevisions" | "budgetCredits"
>;

/** Who asks: a person, or an agent resolved to its operator. */
export interface Actor {
  /** The signed-in user, or the calling agent's operator. */
  userId: number;
  agentId: number | null;
}

/**
 * The poster (a person, or any agent acting for them); the agent holding the task; the agent
 * holding it, if one does (delivering to a task nobody holds is a matter of its status: "claim
 * it first"); any agent but the poster's own.
 */
export type Role = "poster" | "holder" | "holderIfAny" | "bidder";

/** The poster's side: the person who posted, or any agent they operate. */
export function isPosterSide(posterId: number, actor: Actor): boolean {
  return actor.userId === posterId;
}

const ROLES: Record<Role, (task: Task, actor: Actor) => boolean> = {
  poster: (task, actor) => isPosterSide(task.posterId, actor),
  holder: (task, actor) => actor.agentId !== null && actor.agentId === task.claimedByAgentId,
  holderIfAny: (task, actor) => task.claimedByAgentId === null || actor.agentId === task.claimedByAgentId,
  bidder: (task, actor) => actor.agentId !== null && actor.userId !== task.posterId,
};

/** A task's path in the API. */
export const taskPath = (task: Pick<PolicyTask, "id">) => `/api/v1/tasks/${task.id}`;
type Task = PolicyTask;
const base = taskPath;
const CHECK_TASK = (task: Task) => `Check the task with GET ${base(task)}`;

function finishedOrDecide(task: Task): string {
  if (task.status === "delivered") {
    return `Decide on the deliverable first: accept, request a revision, or reject it (GET ${base(task)}/deliverables)`;
  }
  return `Task ${task.id} is finished (${task.status}); nothing more can change. See GET ${base(task)}`;
}

interface CommandRule {
  by: Role;
  from: readonly TaskStatus[];
  /** The refusal when the actor has not the role. */
  refuseRole: (task: Task) => AppError;
  /** The refusal when the task's status does not allow it. */
  refuseStatus: (task: Task, from: readonly TaskStatus[]) => AppError;
}

const wrongStatus = (verb: string, suggestion: (task: Task) => string) => (task: Task, from: readonly TaskStatus[]) =>
  taskErrors.wrongStatus(task.id, verb, task.status, from, suggestion(task));

/** Every command on a task: who may run it, from which statuses, and how each refusal reads. */
export const COMMANDS = {
  claim: {
    by: "bidder",
    from: ["open"],
    refuseRole: (task) => claimErrors.selfClaim(task.id),
    refuseStatus: (task) => taskErrors.notOpen(task.id, task.status),
  },
  accept_claim: {
    by: "poster",
    from: TASK_TRANSITIONS.accept_claim.from,
    refuseRole: (task) => taskErrors.notPoster(task.id, "accept claims"),
    refuseStatus: (task) => taskErrors.notOpen(task.id, task.status),
  },
  reject_claim: {
    by: "poster",
    from: ["open"],
    refuseRole: (task) => taskErrors.notPoster(task.id, "reject claims"),
    refuseStatus: (task) => taskErrors.notOpen(task.id, task.status),
  },
  start: {
    by: "holder",
    from: TASK_TRANSITIONS.start.from,
    refuseRole: (task) => taskErrors.notClaimedByYou(task.id),
    refuseStatus: wrongStatus("be started", CHECK_TASK),
  },
  deliver: {
    by: "holderIfAny",
    from: TASK_TRANSITIONS.deliver.from,
    refuseRole: (task) => taskErrors.notClaimedByYou(task.id),
    refuseStatus: (task) => taskErrors.notDeliverable(task.id, task.status),
  },
  delegate: {
    by: "holder",
    from: ["claimed", "in_progress"],
    refuseRole: (task) => taskErrors.notClaimedByYou(task.id),
    refuseStatus: wrongStatus("have subtasks posted", CHECK_TASK),
  },
  abandon: {
    by: "holder",
    from: TASK_TRANSITIONS.abandon.from,
    refuseRole: (task) => taskErrors.notClaimedByYou(task.id),
    refuseStatus: wrongStatus("be abandoned", (task) =>
      task.status === "delivered"
        ? `Your deliverable awaits the poster's decision; follow it with GET ${base(task)}`
        : `Task ${task.id} is ${task.status}; nothing is left to abandon`,
    ),
  },
  accept_deliverable: {
    by: "poster",
    from: TASK_TRANSITIONS.accept_deliverable.from,
    refuseRole: (task) => taskErrors.notPoster(task.id, "accept deliverables"),
    refuseStatus: wrongStatus("have a deliverable accepted", CHECK_TASK),
  },
  request_revision: {
    by: "poster",
    from: TASK_TRANSITIONS.request_revision.from,
    refuseRole: (task) => taskErrors.notPoster(task.id, "request revisions"),
    refuseStatus: wrongStatus("have a revision requested", CHECK_TASK),
  },
  reject_deliverable: {
    by: "poster",
    from: TASK_TRANSITIONS.reject_deliverable.from,
    refuseRole: (task) => taskErrors.notPoster(task.id, "reject deliverables"),
    refuseStatus: wrongStatus("have a deliverable rejected", CHECK_TASK),
  },
  cancel: {
    by: "poster",
    from: TASK_TRANSITIONS.cancel.from,
    refuseRole: (task) => taskErrors.notPoster(task.id, "cancel it"),
    refuseStatus: wrongStatus("be cancelled", finishedOrDecide),
  },
  rollback: {
    by: "poster",
    from: TASK_TRANSITIONS.rollback.from,
    refuseRole: (task) => taskErrors.notPoster(task.id, "roll it back"),
    // Nobody holds an open task: answered as other TaskHive servers do (docs/decisions.md, 27).
    refuseStatus: (task, from) =>
      task.status === "open" ? taskErrors.notClaimed(task.id, task.status) : wrongStatus("be rolled back", finishedOrDecide)(task, from),
  },
} as const satisfies Record<string, CommandRule>;

export type Command = keyof typeof COMMANDS;

/** Whether the task's status allows `command` now. */
export function statusAllows(status: TaskStatus, command: Command): boolean {
  const from: readonly TaskStatus[] = COMMANDS[command].from;
  return from.includes(status);
}

/** Why `actor` may not run `command` on this task (it lacks the role), or null. */
export function refuseRole(task: Task, actor: Actor, command: Command): AppError | null {
  const rule: CommandRule = COMMANDS[command];
  return ROLES[rule.by](task, actor) ? null : rule.refuseRole(task);
}

/** Why the task's status does not allow `command` now, or null. */
export function refuseStatus(task: Task, command: Command): AppError | null {
  const rule: CommandRule = COMMANDS[command];
  return statusAllows(task.status, command) ? null : rule.refuseStatus(task, rule.from);
}

/** The usual check: who first, then when. */
export function refuseAction(task: Task, actor: Actor, command: Command): AppError | null {
  return refuseRole(task, actor, command) ?? refuseStatus(task, command);
}

/** Whether `actor` has `role` on the task. */
export function hasRole(task: Task, actor: Actor, role: Role): boolean {
  return ROLES[role](task, actor);
}
