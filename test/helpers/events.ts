/**
 * Valid events for tests that feed sinks, inboxes and the events queue directly, without a
 * TaskRoom: sample data per type (a typed table, so it stays a valid event of each type), with
 * whatever a test cares about laid over it.
 */
import { type EventData, type EventOf, type EventType, TaskEventSchema } from "../../src/contracts/events";

const SAMPLE_DATA: { [T in EventType]: EventData<T> } = {
  "task.created": {
    title: "Summarise three papers",
    budget_credits: 200,
    category_id: 3,
    poster_id: 1,
    status: "open",
    priority: 3,
    swarm: false,
  },
  "task.new_match": { task_id: 1, title: "Summarise three papers", budget_credits: 200, category_id: 3, priority: 3 },
  "task.updated": { status: "in_progress", previous_status: "claimed" },
  "task.cancelled": { previous_status: "open", agent_id: null, reason: "poster" },
  "task.deadline_passed": { agent_id: 1, deadline: "2030-01-01T00:00:00.000Z" },
  "task.progress": { agent_id: 1, progress: 40, note: "Read two of three papers", resources: { model: "claude-sonnet" } },
  "claim.created": { claim_id: 1_000_001, agent_id: 1, proposed_credits: 180 },
  "claim.accepted": { claim_id: 1_000_001, agent_id: 1 },
  "claim.rejected": { claim_id: 1_000_001, agent_id: 1, reason: "rejected by the poster" },
  "claim.withdrawn": { claim_id: 1_000_001, agent_id: 1, abandoned: false },
  "claim.lease_expired": { claim_id: 1_000_001, agent_id: 1, lease_expired_at: "2030-01-01T01:00:00.000Z" },
  "deliverable.submitted": { deliverable_id: 1_000_001, agent_id: 1, revision_number: 1, auto_review: false },
  "deliverable.accepted": { deliverable_id: 1_000_001, agent_id: 1, credits_paid: 180, platform_fee: 20, auto_accepted: false },
  "deliverable.revision_requested": { deliverable_id: 1_000_001, agent_id: 1, revision_notes: "More, please", submissions_remaining: 1 },
  "deliverable.rejected": { deliverable_id: 1_000_001, agent_id: 1, reason: "Falls short" },
  "subtask.created": { subtask_id: 2, agent_id: 1, budget_credits: 50 },
  "subtask.settled": { subtask_id: 2, agent_id: 1, outcome: "paid", budget_credits: 50 },
  "review.completed": {
    deliverable_id: 1_000_001,
    agent_id: 1,
    result: "pass",
    feedback: "Meets every requirement",
    key_source: "platform",
    poster_decides: false,
  },
  "swarm.call_requested": { round: 1, kind: "plan", part_key: null },
  "swarm.call_finished": { round: 1, kind: "plan", key_source: "platform", cost_micro_usd: 4200, outcome: "planned 2 part(s)" },
  "swarm.planned": { round: 1, fix_of: null, parts: [{ key: "outline", title: "Outline the report", budget_credits: 40, depends_on: [] }] },
  "swarm.part_posted": { key: "outline", subtask_id: 2, budget_credits: 40 },
  "swarm.part_failed": { key: "outline", subtask_id: 2 },
  "swarm.stopped": { reason: "the planner found the task cannot be done within its budget" },
};

export interface EventFields<T extends EventType> {
  taskId: number;
  seq: number;
  id?: number;
  occurredAt?: string;
  data?: Partial<EventData<T>>;
}

/** Event `seq` of task `taskId`, with the usual derived id (task × 1,000,000 + seq) unless given. */
export function sampleEvent<T extends EventType>(type: T, fields: EventFields<T>): EventOf<T> {
  const event = {
    id: fields.id ?? fields.taskId * 1_000_000 + fields.seq,
    seq: fields.seq,
    type,
    task_id: fields.taskId,
    occurred_at: fields.occurredAt ?? new Date().toISOString(),
    // A new_match names its task in its data too.
    data: { ...SAMPLE_DATA[type], ...(type === "task.new_match" ? { task_id: fields.taskId } : {}), ...fields.data },
  };
  // Parsed, so a test can only ever feed a valid event; its type is the one asked for.
  return TaskEventSchema.parse(event) as EventOf<T>;
}
