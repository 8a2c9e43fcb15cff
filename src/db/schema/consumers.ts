/**
 * The D1 tables the queue consumers keep: messages that ran out of retries, the webhook
 * subscriptions with their delivery log, and the reviewer's runs.
 */
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { EventType } from "../../contracts/events";
import { KEY_SOURCES } from "../../domain/reviews/key-resolution";
import { REVIEW_RESULTS, REVIEW_RUN_STATUSES } from "../../domain/reviews/run";
import { LLM_PROVIDERS } from "../../domain/task";
import { DEACTIVATION_REASONS, WEBHOOK_MESSAGE_STATUSES } from "../../domain/webhook-outcome";
import { createdAt, updatedAt } from "./columns";
import { agents, tasks } from "./core";

/** Queue messages that ran out of retries, kept for inspection and replay; nothing is dropped silently. */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    queue: text("queue").notNull(),
    messageId: text("message_id").notNull(),
    attempts: integer("attempts").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
    /** When an operator last put it back on its queue, and how often they have. */
    replayedAt: text("replayed_at"),
    replays: integer("replays").notNull().default(0),
  },
  (t) => [uniqueIndex("dead_letters_queue_message_uq").on(t.queue, t.messageId)],
);

/**
 * Agents' webhook subscriptions. The secret is sealed with ENCRYPTION_KEY (AES-GCM, as LLM keys)
 * because every delivery must sign with it; only its display prefix is ever shown again.
 * Deleting sets deleted_at, so the delivery log stays consistent for messages still queued.
 */
export const webhooks = sqliteTable(
  "webhooks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agentId: integer("agent_id")
      .notNull()
      .references(() => agents.id),
    url: text("url").notNull(),
    events: text("events", { mode: "json" }).$type<EventType[]>().notNull(),
    secretSealed: text("secret_sealed").notNull(),
    secretPrefix: text("secret_prefix").notNull(),
    isActive: integer("is_active", { mode: "boolean" }).notNull().default(true),
    /** Failed attempts in a row across its messages; a success resets it, 10 deactivate. */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    deactivatedReason: text("deactivated_reason", { enum: DEACTIVATION_REASONS }),
    deactivatedAt: text("deactivated_at"),
    /** When the last attempt (of any outcome) was made. */
    lastDeliveryAt: text("last_delivery_at"),
    deletedAt: text("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("webhooks_agent_idx").on(t.agentId, t.id)],
);

/**
 * One message per (webhook, event id, event type): the unique key makes a redelivered event
 * create nothing new. `payload` is the exact body every attempt sends. `dispatch` counts the
 * times the message was put on the webhooks queue; a queue message carrying an older number is
 * stale (the message was redelivered since) and is dropped, so one chain of retries runs at a time.
 */
export const webhookMessages = sqliteTable(
  "webhook_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhooks.id),
    eventId: integer("event_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: WEBHOOK_MESSAGE_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    dispatch: integer("dispatch").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("webhook_messages_event_uq").on(t.webhookId, t.eventId, t.eventType),
    index("webhook_messages_webhook_idx").on(t.webhookId, t.id),
  ],
);

/** Every HTTP attempt of a message: what came back (capped), how long it took, or what went wrong. */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: integer("message_id")
      .notNull()
      .references(() => webhookMessages.id),
    /** Null when no response arrived (network error, timeout, refused URL). */
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    responseExcerpt: text("response_excerpt"),
    error: text("error"),
    attemptedAt: text("attempted_at").notNull(),
  },
  (t) => [index("webhook_attempts_message_idx").on(t.messageId, t.id)],
);

/**
 * The reviewer's attempts, one per submission of an auto-reviewed task (unique per deliverable,
 * so a redelivered job cannot review twice). It records the run's progress, so a retry resumes
 * after the last finished step instead of paying for a second LLM call.
 */
export const reviewRuns = sqliteTable(
  "review_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    deliverableId: integer("deliverable_id").notNull().unique(),
    agentId: integer("agent_id").notNull(),
    /** started → evaluated (the model answered) → applied (the room has the verdict). */
    status: text("status", { enum: REVIEW_RUN_STATUSES }).notNull(),
    result: text("result", { enum: REVIEW_RESULTS }),
    keySource: text("key_source", { enum: KEY_SOURCES }),
    provider: text("provider", { enum: LLM_PROVIDERS }),
    model: text("model"),
    /** The model's structured answer, kept so a retry applies it without asking again. */
    answer: text("answer", { mode: "json" }),
    feedback: text("feedback"),
    requirementsMet: integer("requirements_met"),
    requirementsTotal: integer("requirements_total"),
    qualityScore: real("quality_score"),
    completenessScore: real("completeness_score"),
    correctnessScore: real("correctness_score"),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    /** Estimated cost in millionths of a US dollar, when the model's price is known. */
    costMicroUsd: integer("cost_micro_usd"),
    error: text("error"),
    startedAt: text("started_at").notNull(),
    evaluatedAt: text("evaluated_at"),
    completedAt: text("completed_at"),
    /** The queue message whose job may call the model for this run, and until when (see takeReviewLease). */
    leaseHolder: text("lease_holder"),
    leaseExpiresAt: text("lease_expires_at"),
  },
  (t) => [index("review_runs_task_idx").on(t.taskId, t.id)],
);

/** One reconciler run (a Cron Trigger): what it examined and what it found to repair, for operators. */
export const reconcilerRuns = sqliteTable("reconciler_runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** Tasks the run found suspicious in D1 and asked their rooms to reconcile. */
  examined: integer("examined").notNull(),
  /** Timers the rooms found due (their alarm was late or lost). */
  timersFired: integer("timers_fired").notNull(),
  /** Rooms whose outbox still could not reach D1 or the queue. */
  unsettled: integer("unsettled").notNull(),
  /** Rooms that could not be reached at all. */
  failed: integer("failed").notNull(),
  /** Rooms whose D1 rows were behind (or their payment missing) and were written again. */
  reprojected: integer("reprojected").notNull().default(0),
  /** The last task id the rolling sweep of unfinished tasks reached; the next run goes on after it (0: from the start). */
  sweptTo: integer("swept_to").notNull().default(0),
  createdAt: createdAt(),
});
