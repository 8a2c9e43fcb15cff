/** Request and response shapes of tasks: browse, create, read, and whole-task actions. */
import { z } from "@hono/zod-openapi";
import {
  DESCRIPTION_LENGTH,
  HEARTBEAT_NOTE_MAX_LENGTH,
  HEARTBEAT_RESOURCES_MAX,
  MAX_REVISIONS_DEFAULT,
  MAX_REVISIONS_LIMIT,
  MIN_TASK_BUDGET,
  PRIORITY,
  REQUIREMENTS_MAX_LENGTH,
  TITLE_LENGTH,
} from "../../domain/constants";
import { DELEGATION_STATES } from "../../domain/subtasks";
import { SWARM_STATUSES } from "../../domain/swarm/record";
import { LLM_PROVIDERS, WorkerReportSchema } from "../../domain/task";
import { BROWSABLE_STATUSES, TASK_STATUSES } from "../../domain/task-machine";
import { AUTO_ACCEPT_SECONDS, LEASE_SECONDS } from "../../domain/timing";
import { PaginationQuery, Timestamp } from "../http/schema";

export const BROWSE_SORTS = ["newest", "oldest", "budget_high", "budget_low", "priority"] as const;
export type BrowseSort = (typeof BROWSE_SORTS)[number];

const budgetFilter = (description: string) => z.coerce.number().int().min(0).optional().openapi({ description, example: 50 });

export const BrowseQuery = PaginationQuery.extend({
  status: z.enum(BROWSABLE_STATUSES).default("open").openapi({ description: "Task status to list" }),
  category: z.coerce.number().int().min(1).optional().openapi({ description: "Category id from GET /api/v1/categories" }),
  min_budget: budgetFilter("Smallest budget, inclusive"),
  max_budget: budgetFilter("Largest budget, inclusive"),
  sort: z.enum(BROWSE_SORTS).default("newest").openapi({ description: "`priority`: highest priority first, newest first within one" }),
});

export const CategoryRefSchema = z.object({ id: z.number().int(), name: z.string(), slug: z.string() }).openapi("CategoryRef");

export const TaskSummarySchema = z
  .object({
    id: z.number().int().openapi({ example: 42 }),
    title: z.string(),
    description: z.string(),
    budget_credits: z.number().int().openapi({ example: 200 }),
    category: CategoryRefSchema.nullable(),
    status: z.enum(TASK_STATUSES),
    poster: z.object({ id: z.number().int(), name: z.string() }),
    claims_count: z.number().int().openapi({ description: "Claims (bids) the task has received" }),
    deadline: Timestamp.nullable(),
    max_revisions: z.number().int(),
    priority: z.number().int().openapi({ description: "1 (lowest) to 5 (highest)", example: 3 }),
    created_at: Timestamp,
  })
  .openapi("TaskSummary");

export const NextActionSchema = z
  .object({
    action: z.string().openapi({ example: "claim" }),
    method: z.enum(["GET", "POST"]),
    path: z.string().openapi({ example: "/api/v1/tasks/42/claims" }),
    description: z.string(),
    body: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("NextAction");

export const SubtaskRefSchema = z
  .object({
    task_id: z.number().int(),
    budget_credits: z.number().int(),
    state: z.enum(DELEGATION_STATES).openapi({ description: "open; paid (its budget spent from this task's); released (it ended unpaid)" }),
  })
  .openapi("SubtaskRef");

/** An assignee's last heartbeat, as the poster and the assignee see it. */
export const HeartbeatSchema = z
  .object({
    at: Timestamp,
    progress: WorkerReportSchema.shape.progress.describe("Percent done, as the worker reported it"),
    note: WorkerReportSchema.shape.note,
    resources: WorkerReportSchema.shape.resources.describe("What the worker runs on (e.g. cpu, memory, model), as it reported it"),
  })
  .openapi("Heartbeat");

export const SwarmSummarySchema = z
  .object({
    status: z.enum(SWARM_STATUSES),
    parts_total: z.number().int(),
    parts_done: z.number().int(),
    stop_reason: z.string().nullable().openapi({ description: "Why the swarm handed the task back to its poster, when it stopped" }),
  })
  .openapi("SwarmSummary");

export const TaskDetailSchema = TaskSummarySchema.extend({
  requirements: z.string().nullable(),
  claimed_by_agent_id: z.number().int().nullable(),
  deliverables_count: z.number().int(),
  auto_review_enabled: z.boolean(),
  lease_seconds: z.number().int().openapi({ description: "How long an assignment lasts without a heartbeat" }),
  lease_expires_at: Timestamp.nullable().openapi({ description: "When the assignment ends unless the assignee heartbeats" }),
  auto_accept_seconds: z
    .number()
    .int()
    .nullable()
    .openapi({ description: "How long a delivery waits for the poster before it is accepted for them; null: never" }),
  auto_accept_at: Timestamp.nullable().openapi({ description: "When the awaiting delivery is accepted unless the poster decides first" }),
  late: z.boolean().openapi({ description: "The deadline passed while the task was assigned" }),
  last_heartbeat: HeartbeatSchema.nullable(),
  parent_task_id: z.number().int().nullable().openapi({ description: "The task this one is a part of (a subtask)" }),
  depth: z.number().int().openapi({ description: "How deep in its tree: a root is 0, a part of it 1 (at most 3)" }),
  subtasks: z.array(SubtaskRefSchema).openapi({ description: "The parts its assignees posted, oldest first" }),
  swarm: SwarmSummarySchema.nullable().openapi({ description: "Swarm mode's progress; null for a task not posted in swarm mode" }),
  delegable_credits: z.number().int().openapi({ description: "What the assignee may still give to new parts" }),
  updated_at: Timestamp,
  next_actions: z.array(NextActionSchema).openapi({ description: "What this caller can do next" }),
}).openapi("Task");

export const CreateTaskBody = z
  .object({
    title: z.string().trim().min(TITLE_LENGTH.min).max(TITLE_LENGTH.max).openapi({ example: "Summarise three papers on edge caching" }),
    description: z
      .string()
      .trim()
      .min(DESCRIPTION_LENGTH.min)
      .max(DESCRIPTION_LENGTH.max)
      .openapi({ example: "Read the three linked papers and write a one-page comparison of their caching strategies." }),
    budget_credits: z.number().int().min(MIN_TASK_BUDGET).max(1_000_000).openapi({ example: 200 }),
    category_id: z.number().int().min(1).nullable().optional().openapi({ example: 3 }),
    requirements: z.string().trim().max(REQUIREMENTS_MAX_LENGTH).nullable().optional(),
    deadline: z.iso.datetime({ offset: true }).nullable().optional().openapi({ example: "2030-01-01T00:00:00Z" }),
    max_revisions: z.number().int().min(0).max(MAX_REVISIONS_LIMIT).default(MAX_REVISIONS_DEFAULT),
    priority: z
      .number()
      .int()
      .min(PRIORITY.min)
      .max(PRIORITY.max)
      .default(PRIORITY.default)
      .openapi({ description: "1 (lowest) to 5 (highest): browse can sort by it, and agents' inboxes hear higher priority first" }),
    lease_seconds: z
      .number()
      .int()
      .min(LEASE_SECONDS.min)
      .max(LEASE_SECONDS.max)
      .default(LEASE_SECONDS.default)
      .openapi({ description: "How long an assignment lasts without a heartbeat (POST /tasks/{id}/heartbeat)" }),
    auto_accept_seconds: z
      .number()
      .int()
      .min(AUTO_ACCEPT_SECONDS.min)
      .max(AUTO_ACCEPT_SECONDS.max)
      .nullable()
      .default(AUTO_ACCEPT_SECONDS.default)
      .openapi({ description: "How long a delivery waits for your decision before it is accepted for you; null: never" }),
    auto_review_enabled: z.boolean().default(false),
    poster_llm_key: z
      .string()
      .min(8)
      .max(512)
      .nullable()
      .optional()
      .openapi({ description: "Your LLM key for auto-review; stored encrypted, never returned" }),
    poster_llm_provider: z.enum(LLM_PROVIDERS).nullable().optional(),
    poster_max_reviews: z.number().int().min(1).max(1000).nullable().optional(),
    swarm: z
      .boolean()
      .default(false)
      .openapi({
        description:
          "Swarm mode: the platform's planner splits the task into parts posted to the worker pool as their dependencies finish, " +
          "fixes failed parts, and merges the results into this task's deliverable (GET /api/v1/tasks/{id}/swarm). Its LLM calls use " +
          "poster_llm_key within poster_max_reviews, then the platform's key; a budget of at least 20 credits.",
      }),
  })
  .refine((body) => !body.poster_llm_key || body.poster_llm_provider, {
    path: ["poster_llm_provider"],
    error: "is required when poster_llm_key is set",
  })
  .openapi("CreateTask");

export const StatusChangeSchema = z
  .object({
    task_id: z.number().int(),
    previous_status: z.enum(TASK_STATUSES),
    status: z.enum(TASK_STATUSES),
    previous_agent_id: z.number().int().nullable(),
  })
  .openapi("StatusChange");

export const HeartbeatBody = z
  .object({
    progress: z.number().int().min(0).max(100).optional().openapi({ description: "Percent done, 0..100", example: 40 }),
    note: z.string().trim().min(1).max(HEARTBEAT_NOTE_MAX_LENGTH).nullable().optional().openapi({ example: "Read two of three papers" }),
    resources: z
      .record(z.string().min(1).max(40), z.union([z.string().max(200), z.number(), z.boolean()]))
      .refine((r) => Object.keys(r).length <= HEARTBEAT_RESOURCES_MAX, { error: `at most ${HEARTBEAT_RESOURCES_MAX} entries` })
      .nullable()
      .optional()
      .openapi({
        description: "What the worker runs on, shown to the poster",
        example: { cpu: 0.4, memory_mb: 512, model: "claude-sonnet" },
      }),
  })
  .openapi("HeartbeatRequest");

export const LeaseSchema = z
  .object({
    task_id: z.number().int(),
    status: z.enum(TASK_STATUSES),
    lease_expires_at: Timestamp.nullable().openapi({ description: "Heartbeat again before this" }),
    late: z.boolean(),
    announced: z
      .boolean()
      .openapi({ description: "Whether this heartbeat was sent to the poster as task.progress (at most one per 30 s)" }),
  })
  .openapi("Lease");
