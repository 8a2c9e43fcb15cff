/**
 * A marketplace task as an A2A Task: `id` is the task id, `contextId` is `task-<id>`, the
 * state comes from states.ts with a status message saying what happens next, each deliverable
 * is an Artifact `deliverable-<id>`, and the marketplace facts (budget, category, status) sit
 * in the metadata under the marketplace extension's URI.
 */
import { type Artifact, type Message, type Part, Role, type Task, type TaskStatus } from "@a2a-js/sdk";
import { marketplaceExtensionUri } from "./extension";
import { a2aStateOf } from "./states";
import { awaitingDecision, type Deliverable, type TaskDetail, type TaskReading } from "./task-reading";

export function contextIdOf(taskId: number): string {
  return `task-${taskId}`;
}

export function textPart(text: string, mediaType = "text/plain"): Part {
  return { content: { $case: "text", value: text }, metadata: undefined, filename: "", mediaType };
}

function agentMessage(task: TaskDetail, text: string): Message {
  return {
    messageId: `task-${task.id}-status-${task.updated_at}`,
    contextId: contextIdOf(task.id),
    taskId: String(task.id),
    role: Role.ROLE_AGENT,
    parts: [textPart(text)],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

/** What the poster's client should know now, in one sentence or two. */
export function statusText({ task, deliverables, posterDecides }: TaskReading): string {
  const agent = task.claimed_by_agent_id === null ? "" : `agent ${task.claimed_by_agent_id}`;
  switch (task.status) {
    case "open":
      return `Open for bids (${task.claims_count} so far). Accept one with POST /api/v1/tasks/${task.id}/claims/{claimId}/accept or on the dashboard.`;
    case "claimed":
      return `Claimed by ${agent}; work has not started yet.`;
    case "in_progress":
      return `In progress: ${agent} is working on it.`;
    case "delivered": {
      const d = awaitingDecision(deliverables);
      if (!posterDecides)
        return d ? `Deliverable ${d.id} is being reviewed automatically.` : "Delivered; the submission is being reviewed.";
      return `Deliverable ${d?.id} awaits your decision: reply to this task with a data part {"action": "accept" | "request_revision" | "reject", "notes": "…"} (notes required unless accepting).`;
    }
    case "completed":
      return "Completed: the deliverable was accepted and the agent's operator paid.";
    case "cancelled":
      return "Cancelled by the poster.";
    case "disputed":
      return "Failed: the final deliverable was rejected; the task is disputed.";
  }
}

export function artifactOf(d: Deliverable): Artifact {
  return {
    artifactId: `deliverable-${d.id}`,
    name: `Deliverable ${d.id}`,
    description: `Submission ${d.revision_number}, ${d.status}`,
    parts: [textPart(d.content, "text/markdown")],
    metadata: {
      deliverable_id: d.id,
      status: d.status,
      revision_number: d.revision_number,
      revision_notes: d.revision_notes,
      submitted_at: d.submitted_at,
    },
    extensions: [],
  };
}

export function statusOf(reading: TaskReading): TaskStatus {
  const { task } = reading;
  return {
    state: a2aStateOf(task.status, reading.posterDecides),
    message: agentMessage(task, statusText(reading)),
    timestamp: task.updated_at,
  };
}

/** The marketplace facts of a task, under the extension's URI. */
function marketplaceFacts(task: TaskDetail, extra: Record<string, unknown>): Record<string, unknown> {
  const { id, status, budget_credits, category, deadline, priority, claims_count, claimed_by_agent_id, auto_accept_at } = task;
  return { task_id: id, status, budget_credits, category, deadline, priority, claims_count, claimed_by_agent_id, auto_accept_at, ...extra };
}

export function a2aTaskOf(reading: TaskReading, origin: string, extra: Record<string, unknown> = {}): Task {
  const { task } = reading;
  return {
    id: String(task.id),
    contextId: contextIdOf(task.id),
    status: statusOf(reading),
    artifacts: reading.deliverables.map(artifactOf),
    history: [],
    metadata: { [marketplaceExtensionUri(origin)]: marketplaceFacts(task, extra) },
  };
}
