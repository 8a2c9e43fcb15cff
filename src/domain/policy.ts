/**
 * Who may do what to a task, and when: one table, read two ways. The TaskRoom's commands ask
 * `refuseRole` and `refuseStatus` (in the order their error contract needs, `refuseAction` for
 * the usual one); `nextActions` offers a viewer exactly the rows it may act on now. The statuses
 * of every state-changing action come from the state machine (task-machine.ts), so a new action
 * is one row here, one transition there, and its command.
 */

import { claimErrors } from "./error-catalogue/claims";
import { taskErrors } from "./error-catalogue/tasks";
import type { AppError } from "./errors";
import { submissionsAllowed } from "./submissions";
import type { DeliverableStatus, TaskRecord } from "./task";
import { TASK_TRANSITIONS, type TaskStatus } from "./task-machine";

type Task = Pick<TaskRecord, "id" | "status" | "posterId" | "claimedByAgentId" | "acceptedClaimId" | "maxRevisions" | "budgetCredits">;

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

const base = (task: Pick<Task, "id">) => `/api/v1/tasks/${task.id}`;
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

// ---- What a viewer is offered -------------------------------------------------------------

export interface NextAction {
  action: string;
  method: "GET" | "POST";
  path: string;
  description: string;
  /** An example body for POSTs that take one. */
  body?: Record<string, unknown>;
}

export interface TaskViewer {
  /** The caller's person (an agent's operator, or the signed-in user) posted the task. */
  isPoster: boolean;
  /** The calling agent, when the caller is an agent. */
  agentId: number | null;
  /** The calling agent's pending claim on this task, if any. */
  pendingClaimId: number | null;
}

export interface TaskProgress {
  latestDeliverable: { id: number; status: DeliverableStatus } | null;
  /** Submissions made under the current assignment. */
  submissionsUsed: number;
}

interface Facts {
  task: Task;
  viewer: TaskViewer;
  progress: TaskProgress;
}

interface Offer {
  action: string;
  /** Who is offered it (the poster's side sees the poster's rows, never a bid on its own task). */
  to: "poster" | "agent" | "holder";
  /** The statuses it is offered in: its command's, or for a wait, the statuses it waits in. */
  from: readonly TaskStatus[];
  /** The action as offered, or null when the facts rule it out. */
  offer: (facts: Facts) => Omit<NextAction, "action"> | null;
}

const post = (path: string, description: string, body?: Record<string, unknown>) =>
  ({ method: "POST", path, description, ...(body ? { body } : {}) }) as const;
const get = (path: string, description: string) => ({ method: "GET", path, description }) as const;

/** The latest deliverable, when it awaits the poster's decision. */
function awaiting(progress: TaskProgress) {
  const d = progress.latestDeliverable;
  return d?.status === "submitted" ? d : null;
}

const submissionsRemain = ({ task, progress }: Facts) => progress.submissionsUsed < submissionsAllowed(task);

/** In the order they are offered. */
const OFFERS: readonly Offer[] = [
  { action: "list_claims", to: "poster", from: ["open"], offer: ({ task }) => get(`${base(task)}/claims`, "Review the bids on this task") },
  {
    action: "accept_claim",
    to: "poster",
    from: COMMANDS.accept_claim.from,
    offer: ({ task }) => post(`${base(task)}/claims/{claim_id}/accept`, "Accept one pending claim; every other pending claim is rejected"),
  },
  {
    action: "wait_for_delivery",
    to: "poster",
    from: ["claimed", "in_progress"],
    offer: ({ task }) => get(base(task), "The agent is working; poll or listen for deliverable.submitted"),
  },
  {
    action: "accept_deliverable",
    to: "poster",
    from: COMMANDS.accept_deliverable.from,
    offer: ({ task, progress }) => {
      const d = awaiting(progress);
      return d ? post(`${base(task)}/deliverables/${d.id}/accept`, "Accept the work and pay the agent's operator") : null;
    },
  },
  {
    action: "request_revision",
    to: "poster",
    from: COMMANDS.request_revision.from,
    offer: (facts) => {
      const d = awaiting(facts.progress);
      return d && submissionsRemain(facts)
        ? post(`${base(facts.task)}/deliverables/${d.id}/revision`, "Send the work back with notes", { revision_notes: "What to change" })
        : null;
    },
  },
  {
    action: "reject_deliverable",
    to: "poster",
    from: COMMANDS.reject_deliverable.from,
    offer: (facts) => {
      const d = awaiting(facts.progress);
      return d && !submissionsRemain(facts)
        ? post(`${base(facts.task)}/deliverables/${d.id}/reject`, "Reject the final submission; the task becomes disputed", {
            reason: "Why it falls short",
          })
        : null;
    },
  },
  {
    action: "rollback",
    to: "poster",
    from: COMMANDS.rollback.from,
    offer: ({ task }) => post(`${base(task)}/rollback`, "Take the task back from its agent and reopen it"),
  },
  { action: "cancel", to: "poster", from: COMMANDS.cancel.from, offer: ({ task }) => post(`${base(task)}/cancel`, "Cancel the task") },
  {
    action: "claim",
    to: "agent",
    from: COMMANDS.claim.from,
    offer: ({ task, viewer }) =>
      viewer.pendingClaimId === null
        ? post(`${base(task)}/claims`, "Bid on this task", { proposed_credits: task.budgetCredits, message: "Why you are a good fit" })
        : null,
  },
  {
    action: "withdraw_claim",
    to: "agent",
    from: ["open"],
    offer: ({ task, viewer }) =>
      viewer.pendingClaimId === null
        ? null
        : post(
            `${base(task)}/claims/${viewer.pendingClaimId}/withdraw`,
            "Withdraw your pending bid; otherwise wait for the poster to accept it",
          ),
  },
  {
    action: "start",
    to: "holder",
    from: ["claimed"],
    offer: ({ task }) => post(`${base(task)}/start`, "Mark the task in progress (optional)"),
  },
  {
    action: "heartbeat",
    to: "holder",
    from: ["claimed", "in_progress"],
    offer: ({ task }) =>
      post(`${base(task)}/heartbeat`, "Keep your lease alive (before lease_expires_at) and report progress", {
        progress: 50,
        note: "What you are doing",
      }),
  },
  {
    action: "post_subtask",
    to: "holder",
    from: COMMANDS.delegate.from,
    offer: ({ task }) =>
      post(`${base(task)}/subtasks`, "Post a part of this task as a subtask, paid from its budget", {
        title: "A part of the work",
        description: "What this part needs",
        budget_credits: 10,
      }),
  },
  {
    action: "deliver",
    to: "holder",
    from: COMMANDS.deliver.from,
    offer: ({ task }) => post(`${base(task)}/deliverables`, "Submit your work (text or markdown)", { content: "Your deliverable" }),
  },
  {
    action: "abandon",
    to: "holder",
    from: COMMANDS.abandon.from,
    offer: ({ task }) => post(`${base(task)}/claims/${task.acceptedClaimId}/withdraw`, "Give the task back; it reopens for other agents"),
  },
  {
    action: "wait_for_review",
    to: "holder",
    from: ["delivered"],
    offer: ({ task }) => get(base(task), "Your deliverable awaits the poster's decision"),
  },
];

function offeredTo(to: Offer["to"], { task, viewer }: Facts): boolean {
  if (to === "poster") return viewer.isPoster;
  if (viewer.isPoster || viewer.agentId === null) return false;
  // A holder acts through its accepted claim; a task naming it without one offers it nothing.
  return to === "agent" || (viewer.agentId === task.claimedByAgentId && task.acceptedClaimId !== null);
}

/** What the viewer can do next with a task, with method and concrete path: every row it may act on now. */
export function nextActions(task: Task, viewer: TaskViewer, progress: TaskProgress): NextAction[] {
  const facts: Facts = { task, viewer, progress };
  const actions: NextAction[] = [];
  for (const row of OFFERS) {
    if (!row.from.includes(task.status) || !offeredTo(row.to, facts)) continue;
    const offered = row.offer(facts);
    if (offered) actions.push({ action: row.action, ...offered });
  }
  return actions;
}

/** Whether `actor` has `role` on the task. */
export function hasRole(task: Task, actor: Actor, role: Role): boolean {
  return ROLES[role](task, actor);
}
