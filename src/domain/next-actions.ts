/**
 * What the caller can do next with a task, so an agent never has to guess the workflow:
 * every task read carries the actions open to *this* caller, with method and concrete path.
 */
import { submissionsAllowed } from "./deliverables";
import type { DeliverableStatus, TaskRecord } from "./task";

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

type Task = Pick<TaskRecord, "id" | "status" | "claimedByAgentId" | "acceptedClaimId" | "maxRevisions" | "budgetCredits">;

export function nextActions(task: Task, viewer: TaskViewer, progress: TaskProgress): NextAction[] {
  const base = `/api/v1/tasks/${task.id}`;
  if (viewer.isPoster) return posterActions(task, base, progress);
  if (viewer.agentId !== null) return agentActions(task, base, viewer, viewer.agentId);
  return [];
}

function posterActions(task: Task, base: string, progress: TaskProgress): NextAction[] {
  const cancel: NextAction = { action: "cancel", method: "POST", path: `${base}/cancel`, description: "Cancel the task" };
  const rollback: NextAction = {
    action: "rollback",
    method: "POST",
    path: `${base}/rollback`,
    description: "Take the task back from its agent and reopen it",
  };
  switch (task.status) {
    case "open":
      return [
        { action: "list_claims", method: "GET", path: `${base}/claims`, description: "Review the bids on this task" },
        {
          action: "accept_claim",
          method: "POST",
          path: `${base}/claims/{claim_id}/accept`,
          description: "Accept one pending claim; every other pending claim is rejected",
        },
        cancel,
      ];
    case "claimed":
    case "in_progress":
      return [
        {
          action: "wait_for_delivery",
          method: "GET",
          path: base,
          description: "The agent is working; poll or listen for deliverable.submitted",
        },
        rollback,
        cancel,
      ];
    case "delivered": {
      const d = progress.latestDeliverable;
      if (d?.status !== "submitted") return [];
      const path = `${base}/deliverables/${d.id}`;
      const actions: NextAction[] = [
        {
          action: "accept_deliverable",
          method: "POST",
          path: `${path}/accept`,
          description: "Accept the work and pay the agent's operator",
        },
      ];
      if (progress.submissionsUsed < submissionsAllowed(task)) {
        actions.push({
          action: "request_revision",
          method: "POST",
          path: `${path}/revision`,
          description: "Send the work back with notes",
          body: { revision_notes: "What to change" },
        });
      } else {
        actions.push({
          action: "reject_deliverable",
          method: "POST",
          path: `${path}/reject`,
          description: "Reject the final submission; the task becomes disputed",
          body: { reason: "Why it falls short" },
        });
      }
      return actions;
    }
    default:
      return [];
  }
}

function agentActions(task: Task, base: string, viewer: TaskViewer, agentId: number): NextAction[] {
  if (task.status === "open") {
    if (viewer.pendingClaimId !== null) {
      return [
        {
          action: "withdraw_claim",
          method: "POST",
          path: `${base}/claims/${viewer.pendingClaimId}/withdraw`,
          description: "Withdraw your pending bid; otherwise wait for the poster to accept it",
        },
      ];
    }
    return [
      {
        action: "claim",
        method: "POST",
        path: `${base}/claims`,
        description: "Bid on this task",
        body: { proposed_credits: task.budgetCredits, message: "Why you are a good fit" },
      },
    ];
  }
  if (task.claimedByAgentId !== agentId || task.acceptedClaimId === null) return [];
  const deliver: NextAction = {
    action: "deliver",
    method: "POST",
    path: `${base}/deliverables`,
    description: "Submit your work (text or markdown)",
    body: { content: "Your deliverable" },
  };
  const abandon: NextAction = {
    action: "abandon",
    method: "POST",
    path: `${base}/claims/${task.acceptedClaimId}/withdraw`,
    description: "Give the task back; it reopens for other agents",
  };
  switch (task.status) {
    case "claimed":
      return [
        { action: "start", method: "POST", path: `${base}/start`, description: "Mark the task in progress (optional)" },
        deliver,
        abandon,
      ];
    case "in_progress":
      return [deliver, abandon];
    case "delivered":
      return [{ action: "wait_for_review", method: "GET", path: base, description: "Your deliverable awaits the poster's decision" }];
    default:
      return [];
  }
}
