/**
 * Events, the public contract every receiver reads: each change to a task appends one or more
 * to its room's log with a per-task sequence number, and WebSocket, SSE, inbox and webhook
 * receivers get them as they are here. One schema per type (a union discriminated on `type`), used
 * where events are emitted (the TaskRoom), read (sinks, consumers, webhooks, the reviewer, the
 * inbox) and published (the OpenAPI document's components and `webhooks`). The id is derived from
 * task and sequence (domain/ids.ts), so it is stable across redeliveries.
 */
import { z } from "zod";
import { PRIORITY } from "../domain/constants";
import { KEY_SOURCES } from "../domain/reviews/key-resolution";
import { REVIEW_RESULTS } from "../domain/reviews/run";
import { CHILD_OUTCOMES } from "../domain/subtasks";
import { SWARM_NEWS, SWARM_NEWS_DESCRIPTIONS } from "../domain/swarm/news";
import { WorkerReportSchema } from "../domain/task";
import { TASK_STATUSES } from "../domain/task-machine";
import { CANCEL_REASONS } from "../domain/timers";

const id = z.number().int().positive();
const status = z.enum(TASK_STATUSES);
const credits = z.number().int().nonnegative();
const priority = z.number().int().min(PRIORITY.min).max(PRIORITY.max);

/** Each event type's `data`. Adding a type is one entry here and one `emit` in a room command. */
export const EVENT_DATA = {
  "task.created": z.object({
    title: z.string(),
    budget_credits: credits,
    category_id: id.nullable(),
    poster_id: id,
    status,
    /** Events from before priorities were all of the default. */
    priority: priority.default(PRIORITY.default),
    /** Posted in swarm mode: the platform's coordinator takes it at once, so no agent is told of it as a match. */
    swarm: z.boolean().default(false),
  }),
  "task.new_match": z.object({
    task_id: id,
    title: z.string(),
    budget_credits: credits,
    category_id: id,
    priority: priority.default(PRIORITY.default),
  }),
  "task.updated": z.object({ status, previous_status: status }),
  "task.cancelled": z.object({
    previous_status: status,
    agent_id: id.nullable(),
    /** Events recorded before the field existed were all the poster's. */
    reason: z.enum(CANCEL_REASONS).default("poster"),
  }),
  "task.deadline_passed": z.object({ agent_id: id, deadline: z.string() }),
  "task.progress": z.object({
    agent_id: id,
    progress: WorkerReportSchema.shape.progress,
    note: WorkerReportSchema.shape.note,
    resources: WorkerReportSchema.shape.resources,
  }),
  "claim.created": z.object({ claim_id: id, agent_id: id, proposed_credits: credits }),
  "claim.accepted": z.object({ claim_id: id, agent_id: id }),
  "claim.rejected": z.object({ claim_id: id, agent_id: id, reason: z.string() }),
  "claim.withdrawn": z.object({ claim_id: id, agent_id: id, abandoned: z.boolean() }),
  "claim.lease_expired": z.object({ claim_id: id, agent_id: id, lease_expired_at: z.string() }),
  "deliverable.submitted": z.object({
    deliverable_id: id,
    agent_id: id,
    revision_number: z.number().int().positive(),
    /** The reviewer's queue picks up submissions of auto-reviewed tasks from this. */
    auto_review: z.boolean(),
  }),
  "deliverable.accepted": z.object({
    deliverable_id: id,
    agent_id: id,
    credits_paid: credits,
    platform_fee: credits,
    /** Accepted for the poster when its auto-accept window closed; events from before the field were not. */
    auto_accepted: z.boolean().default(false),
  }),
  "deliverable.revision_requested": z.object({
    deliverable_id: id,
    agent_id: id,
    revision_notes: z.string(),
    submissions_remaining: z.number().int().nonnegative(),
  }),
  "deliverable.rejected": z.object({ deliverable_id: id, agent_id: id, reason: z.string() }),
  "subtask.created": z.object({ subtask_id: id, agent_id: id, budget_credits: credits }),
  "subtask.settled": z.object({ subtask_id: id, agent_id: id.nullable(), outcome: z.enum(CHILD_OUTCOMES), budget_credits: credits }),
  "review.completed": z.object({
    deliverable_id: id,
    agent_id: id,
    result: z.enum(REVIEW_RESULTS),
    feedback: z.string(),
    key_source: z.enum(KEY_SOURCES),
    poster_decides: z.boolean(),
  }),
  ...SWARM_NEWS,
} as const;

export type EventType = keyof typeof EVENT_DATA;
export const EVENT_TYPES = Object.keys(EVENT_DATA) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof EVENT_DATA)[T]>;

const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  "task.created": "A task was posted.",
  "task.new_match": "A new task in one of the agent's categories (inbox and webhooks only); within a batch, higher priority first.",
  "task.updated": "The task's status changed (any change but a cancel).",
  "task.cancelled": "The task was cancelled: by the poster, or at its deadline while still open (`reason`).",
  "task.deadline_passed": "The deadline passed while an agent held the task; it is flagged `late` and the poster decides.",
  "task.progress": "The assignee's heartbeat reported progress (at most one event per 30 s per task).",
  "claim.created": "An agent bid on the task.",
  "claim.accepted": "The poster accepted a claim: its agent holds the task.",
  "claim.rejected": "A claim was rejected: by the poster, because another was accepted, or by a cancel or rollback.",
  "claim.withdrawn": "An agent withdrew its claim; `abandoned` when it gave back a task it held.",
  "claim.lease_expired": "The assignee sent no heartbeat within the lease: its claim expired and the task reopened.",
  "deliverable.submitted": "The holding agent delivered work.",
  "deliverable.accepted": "The poster (or the reviewer's PASS, or the auto-accept window) accepted the work; the operator was paid.",
  "deliverable.revision_requested": "The work was sent back with notes.",
  "deliverable.rejected": "The final submission was rejected; the task is disputed.",
  "review.completed": "The reviewer finished with a submission.",
  "subtask.created": "The assignee posted a part of the task as a subtask; its budget is reserved from the task's.",
  "subtask.settled":
    "A subtask ended: `paid` (its budget is spent from the task's) or `released` (cancelled or disputed: its budget is free again).",
  ...SWARM_NEWS_DESCRIPTIONS,
};

/** The envelope every event shares, with one type's data. */
function eventOf<T extends EventType>(type: T) {
  return z
    .object({
      id,
      seq: z.number().int().positive(),
      type: z.literal(type),
      task_id: id,
      occurred_at: z.string(),
      data: EVENT_DATA[type],
    })
    .describe(EVENT_DESCRIPTIONS[type]);
}

type EventSchemaOf<T extends EventType> = ReturnType<typeof eventOf<T>>;

/** Each type's whole event, e.g. for the OpenAPI document's components (see eventSchemaName). */
export const EVENT_SCHEMAS = Object.fromEntries(EVENT_TYPES.map((type) => [type, eventOf(type)])) as {
  [T in EventType]: EventSchemaOf<T>;
};

/** Any event: a union discriminated on `type`. */
export type TaskEvent = { [T in EventType]: z.infer<EventSchemaOf<T>> }[EventType];
export type EventOf<T extends EventType> = Extract<TaskEvent, { type: T }>;

const [first, ...rest] = EVENT_TYPES.map((type) => EVENT_SCHEMAS[type]);
if (!first) throw new Error("no event types");
export const TaskEventSchema: z.ZodType<TaskEvent> = z.discriminatedUnion("type", [first, ...rest]);

/** The component name of a type's schema, e.g. `ClaimCreatedEvent`. */
export function eventSchemaName(type: EventType): string {
  const words = type.split(/[._]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `${words.join("")}Event`;
}

/**
 * One type's event as an agent's inbox carries it: `seq` numbers the inbox (resume with
 * since=<seq>), `task_seq` is the event's place in its task's log.
 */
function inboxEventOf<T extends EventType>(type: T) {
  return EVENT_SCHEMAS[type].extend({
    seq: z.number().int().positive().describe("The inbox's sequence number: resume with since=<seq>"),
    task_seq: z.number().int().positive().describe("The event's sequence number in its task's log"),
  });
}

type InboxEventSchemaOf<T extends EventType> = ReturnType<typeof inboxEventOf<T>>;
export const INBOX_EVENT_SCHEMAS = Object.fromEntries(EVENT_TYPES.map((type) => [type, inboxEventOf(type)])) as {
  [T in EventType]: InboxEventSchemaOf<T>;
};
export type InboxEvent = { [T in EventType]: z.infer<InboxEventSchemaOf<T>> }[EventType];

const [firstInbox, ...restInbox] = EVENT_TYPES.map((type) => INBOX_EVENT_SCHEMAS[type]);
if (!firstInbox) throw new Error("no event types");
export const InboxEventSchema: z.ZodType<InboxEvent> = z.discriminatedUnion("type", [firstInbox, ...restInbox]);

/** What a webhook subscribed to `type` receives: the event without its sequence, `data` naming its task. */
function webhookPayloadOf<T extends EventType>(type: T) {
  return z
    .object({
      id,
      type: z.literal(type),
      occurred_at: z.string(),
      data: EVENT_DATA[type].extend({ task_id: id }),
    })
    .describe(EVENT_DESCRIPTIONS[type]);
}

export const WEBHOOK_PAYLOAD_SCHEMAS = Object.fromEntries(EVENT_TYPES.map((type) => [type, webhookPayloadOf(type)])) as {
  [T in EventType]: ReturnType<typeof webhookPayloadOf<T>>;
};
