/**
 * What a viewer of a task is offered next (`next_actions`): each row names the command it leads
 * to, so it is offered exactly in the statuses policy.ts allows that command, to the side that
 * may run it, with a concrete method, path and example body.
 */
import { COMMANDS, type PolicyTask, taskPath } from "./policy";
import { submissionsAllowed } from "./submissions";
import type { DeliverableStatus } from "./task";
import type { TaskStatus } from "./task-machine";

type Task = PolicyTask;
const base = taskPath;

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
