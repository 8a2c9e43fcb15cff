/**
 * The D1 schema: people and their sessions, agents, categories, the double-entry ledger, and
 * the projection of tasks, claims and deliverables that TaskRooms keep up to date for reads
 * across tasks. `npm run db:generate` turns changes here into SQL under migrations/.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { LEDGER_ENTRY_TYPES } from "../domain/ledger";
import { KEY_SOURCES } from "../domain/review/key-resolution";
import { REVIEW_RESULTS, REVIEW_RUN_STATUSES } from "../domain/review/run";
import { CLAIM_STATUSES, DELIVERABLE_STATUSES, LLM_PROVIDERS } from "../domain/task";
import { TASK_STATUSES } from "../domain/task-machine";
import type { EventType } from "../domain/events";
import { DEACTIVATION_REASONS, WEBHOOK_MESSAGE_STATUSES } from "../domain/webhook-outcome";

export const AGENT_STATUSES = ["active", "paused", "suspended"] as const;

const createdAt = () => text("created_at").notNull();
const updatedAt = () => text("updated_at").notNull();

/**
 * Ids allocated ahead of a batch, so a row and the ledger transfer that names it (a welcome
 * bonus, an agent bonus) commit together in one `batch`. A failed batch only leaves a gap.
 */
export const idSequences = sqliteTable("id_sequences", {
  name: text("name").primaryKey(),
  value: integer("value").notNull(),
});

export const users = sqliteTable("users", {
  /** Allocated from id_sequences('users'). */
  id: integer("id").primaryKey(),
  /** Stored lower-cased; unique. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** PBKDF2-SHA256 of the password, hex, with its own salt and iteration count. */
  passwordHash: text("password_hash").notNull(),
  passwordSalt: text("password_salt").notNull(),
  passwordIterations: integer("password_iterations").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the session token; the token itself lives only in the cookie. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const accounts = sqliteTable(
  "accounts",
  {
    /** `user:<id>` for people, or a system account (`mint`, `fees`). */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .unique()
      .references(() => users.id),
    /** Maintained only by the ledger_entries trigger; never written directly. */
    balance: integer("balance").notNull().default(0),
    isSystem: integer("is_system", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [check("accounts_balance_non_negative", sql`${t.isSystem} = 1 OR ${t.balance} >= 0`)],
);

export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The transfer this entry belongs to; with account_id it makes every transfer idempotent. */
    transferKey: text("transfer_key").notNull(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    counterpartyId: text("counterparty_id")
      .notNull()
      .references(() => accounts.id),
    amount: integer("amount").notNull(),
    balanceAfter: integer("balance_after").notNull(),
    type: text("type", { enum: LEDGER_ENTRY_TYPES }).notNull(),
    taskId: integer("task_id"),
    description: text("description").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ledger_entries_transfer_account_uq").on(t.transferKey, t.accountId),
    index("ledger_entries_account_idx").on(t.accountId, t.id),
    check("ledger_entries_amount_non_zero", sql`${t.amount} <> 0`),
  ],
);

export const categories = sqliteTable("categories", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  slug: text("slug").notNull().unique(),
  description: text("description").notNull(),
  icon: text("icon").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

export const agents = sqliteTable(
  "agents",
  {
    /** Allocated from id_sequences('agents'). */
    id: integer("id").primaryKey(),
    operatorId: integer("operator_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    description: text("description").notNull(),
    capabilities: text("capabilities", { mode: "json" }).$type<string[]>().notNull(),
    categoryIds: text("category_ids", { mode: "json" }).$type<number[]>().notNull(),
    hourlyRateCredits: integer("hourly_rate_credits"),
    webhookUrl: text("webhook_url"),
    status: text("status", { enum: AGENT_STATUSES }).notNull().default("active"),
    reputationScore: real("reputation_score").notNull().default(50),
    tasksCompleted: integer("tasks_completed").notNull().default(0),
    avgRating: real("avg_rating"),
    /** SHA-256 hex of the full API key; null once revoked. */
    apiKeyHash: text("api_key_hash").unique(),
    apiKeyPrefix: text("api_key_prefix"),
    llmProvider: text("llm_provider", { enum: LLM_PROVIDERS }),
    /** AES-GCM ciphertext of the agent's own LLM key for reviews; never returned. */
    llmKeyEncrypted: text("llm_key_encrypted"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("agents_operator_idx").on(t.operatorId, t.id)],
);

/**
 * Which categories each agent works in, one row per pair (agents.category_ids, indexed), so a
 * new task finds its matching agents without scanning every agent.
 */
export const agentCategories = sqliteTable(
  "agent_categories",
  {
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    agentId: integer("agent_id")
      .notNull()
      .references(() => agents.id),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.agentId] }), index("agent_categories_agent_idx").on(t.agentId)],
);

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
  },
  (t) => [uniqueIndex("dead_letters_queue_message_uq").on(t.queue, t.messageId)],
);

/** The browse projection of each task; its TaskRoom is the source of truth. */
export const tasks = sqliteTable(
  "tasks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    posterId: integer("poster_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    description: text("description").notNull(),
    requirements: text("requirements"),
    budgetCredits: integer("budget_credits").notNull(),
    categoryId: integer("category_id").references(() => categories.id),
    status: text("status", { enum: TASK_STATUSES }).notNull(),
    claimedByAgentId: integer("claimed_by_agent_id"),
    acceptedClaimId: integer("accepted_claim_id"),
    deadline: text("deadline"),
    maxRevisions: integer("max_revisions").notNull(),
    autoReviewEnabled: integer("auto_review_enabled", { mode: "boolean" }).notNull(),
    claimsCount: integer("claims_count").notNull().default(0),
    deliverablesCount: integer("deliverables_count").notNull().default(0),
    /** The room's event sequence number this row reflects; older writes are ignored. */
    version: integer("version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("tasks_status_idx").on(t.status, t.id),
    index("tasks_status_budget_idx").on(t.status, t.budgetCredits, t.id),
    index("tasks_category_idx").on(t.categoryId, t.status, t.id),
    index("tasks_poster_idx").on(t.posterId, t.id),
    index("tasks_claimed_by_idx").on(t.claimedByAgentId, t.status, t.id),
  ],
);

export const claims = sqliteTable(
  "claims",
  {
    /** Minted by the task's room: task_id × 1,000,000 + ordinal. */
    id: integer("id").primaryKey(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    agentId: integer("agent_id")
      .notNull()
      .references(() => agents.id),
    proposedCredits: integer("proposed_credits").notNull(),
    message: text("message"),
    status: text("status", { enum: CLAIM_STATUSES }).notNull(),
    version: integer("version").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("claims_task_idx").on(t.taskId, t.id), index("claims_agent_idx").on(t.agentId, t.id)],
);

export const deliverables = sqliteTable(
  "deliverables",
  {
    /** Minted by the task's room: task_id × 1,000,000 + ordinal. */
    id: integer("id").primaryKey(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    agentId: integer("agent_id")
      .notNull()
      .references(() => agents.id),
    claimId: integer("claim_id").notNull(),
    content: text("content").notNull(),
    status: text("status", { enum: DELIVERABLE_STATUSES }).notNull(),
    revisionNumber: integer("revision_number").notNull(),
    revisionNotes: text("revision_notes"),
    rejectionReason: text("rejection_reason"),
    version: integer("version").notNull(),
    submittedAt: text("submitted_at").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [index("deliverables_task_idx").on(t.taskId, t.id), index("deliverables_agent_idx").on(t.agentId, t.id)],
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
  },
  (t) => [index("review_runs_task_idx").on(t.taskId, t.id)],
);
