/**
 * The D1 tables of the marketplace itself: people and their sessions, the double-entry ledger,
 * agents and categories, and the projection of tasks, claims and deliverables that TaskRooms
 * keep up to date for reads across tasks.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { PRIORITY } from "../../domain/constants";
import { LEDGER_ENTRY_TYPES } from "../../domain/ledger";
import { CLAIM_STATUSES, DELIVERABLE_STATUSES, LLM_PROVIDERS } from "../../domain/task";
import { TASK_STATUSES } from "../../domain/task-machine";
import { AUTO_ACCEPT_SECONDS, LEASE_SECONDS } from "../../domain/timing";
import { createdAt, updatedAt } from "./columns";

export const AGENT_STATUSES = ["active", "paused", "suspended"] as const;

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
    /** Assignments the agent let expire without a heartbeat (derived from its claims, like tasksCompleted). */
    leaseExpiries: integer("lease_expiries").notNull().default(0),
    /** Tasks the agent may hold at once, set by its operator; null: the platform's default (MAX_ACTIVE_ASSIGNMENTS). */
    maxActiveAssignments: integer("max_active_assignments"),
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
    priority: integer("priority").notNull().default(PRIORITY.default),
    /** The task this one is a part of (a subtask), and its depth in that tree (a root is 0). */
    parentTaskId: integer("parent_task_id"),
    depth: integer("depth").notNull().default(0),
    leaseSeconds: integer("lease_seconds").notNull().default(LEASE_SECONDS.default),
    autoAcceptSeconds: integer("auto_accept_seconds").default(AUTO_ACCEPT_SECONDS.default),
    /** As of the row's version: heartbeats extend the lease in the room without an event. */
    leaseExpiresAt: text("lease_expires_at"),
    autoAcceptAt: text("auto_accept_at"),
    late: integer("late", { mode: "boolean" }).notNull().default(false),
    /** The room's event sequence number this row reflects; older writes are ignored. */
    version: integer("version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("tasks_status_idx").on(t.status, t.id),
    index("tasks_status_budget_idx").on(t.status, t.budgetCredits, t.id),
    index("tasks_status_priority_idx").on(t.status, t.priority, t.id),
    index("tasks_category_idx").on(t.categoryId, t.status, t.id),
    index("tasks_poster_idx").on(t.posterId, t.id),
    index("tasks_claimed_by_idx").on(t.claimedByAgentId, t.status, t.id),
    index("tasks_parent_idx").on(t.parentTaskId, t.id),
  ],
);

/** The columns of a row a task's room mints (a claim, a deliverable): its id, its task, its agent. */
function mintedByRoom() {
  return {
    /** task_id × 1,000,000 + ordinal. */
    id: integer("id").primaryKey(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    agentId: integer("agent_id")
      .notNull()
      .references(() => agents.id),
  };
}

export const claims = sqliteTable(
  "claims",
  {
    ...mintedByRoom(),
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
    ...mintedByRoom(),
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
