/**
 * The authoritative record of one task, as its TaskRoom keeps it. The room stores it as JSON
 * and re-validates it on load; the D1 projection and API views are derived from it.
 */
import { z } from "zod";
import { PRIORITY } from "./constants";
import { LLM_PROVIDERS } from "./llm";
import { SwarmRecordSchema } from "./swarm/record";
import { TASK_STATUSES } from "./task-machine";
import { AUTO_ACCEPT_SECONDS, LEASE_SECONDS } from "./timing";

export { LLM_PROVIDERS, type LlmProvider } from "./llm";

export const TaskReviewSettingsSchema = z.object({
  provider: z.enum(LLM_PROVIDERS).nullable(),
  /** AES-GCM ciphertext of the poster's LLM key; never leaves the server in any form. */
  encryptedKey: z.string().nullable(),
  maxReviews: z.number().int().nullable(),
  reviewsUsed: z.number().int(),
});

/** What an assignee last reported in a heartbeat (see leases.ts). */
export const WorkerReportSchema = z.object({
  progress: z.number().int().min(0).max(100).nullable(),
  note: z.string().nullable(),
  resources: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
});
export type WorkerReport = z.infer<typeof WorkerReportSchema>;

export const HeartbeatRecordSchema = WorkerReportSchema.extend({
  at: z.string(),
  /** When the last `task.progress` event was emitted for this assignment (they are throttled). */
  announcedAt: z.string().nullable(),
});
export type HeartbeatRecord = z.infer<typeof HeartbeatRecordSchema>;

export const TaskRecordSchema = z.object({
  id: z.number().int().positive(),
  posterId: z.number().int().positive(),
  /** The agent that posted the task for its operator, if one did; it hears the poster's events. */
  postedByAgentId: z.number().int().nullable().default(null),
  title: z.string(),
  description: z.string(),
  requirements: z.string().nullable(),
  budgetCredits: z.number().int(),
  categoryId: z.number().int().nullable(),
  deadline: z.string().nullable(),
  maxRevisions: z.number().int(),
  autoReviewEnabled: z.boolean(),
  review: TaskReviewSettingsSchema,
  status: z.enum(TASK_STATUSES),
  claimedByAgentId: z.number().int().nullable(),
  acceptedClaimId: z.number().int().nullable(),
  claimsCount: z.number().int(),
  deliverablesCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The task this one is a part of (subtasks.ts), and how deep in its tree it is (a root is 0). */
  parentTaskId: z.number().int().nullable().default(null),
  depth: z.number().int().default(0),
  /** 1..5; browse can sort by it and agents' inboxes hear higher priority first. */
  priority: z.number().int().default(PRIORITY.default),
  // Timers (timers.ts). Rooms created before they existed read the defaults.
  leaseSeconds: z.number().int().default(LEASE_SECONDS.default),
  /** Null: a delivery waits for the poster however long it takes. */
  autoAcceptSeconds: z.number().int().nullable().default(AUTO_ACCEPT_SECONDS.default),
  /** When the assignment ends unless the assignee heartbeats; null when no lease runs. */
  leaseExpiresAt: z.string().nullable().default(null),
  /** When the awaiting delivery is accepted unless the poster decides first. */
  autoAcceptAt: z.string().nullable().default(null),
  /** The deadline passed while the task was assigned. */
  late: z.boolean().default(false),
  /** The current assignee's last heartbeat; null when nobody holds the task or none arrived. */
  heartbeat: HeartbeatRecordSchema.nullable().default(null),
  /** Swarm mode (swarm/record.ts): the platform's coordinator holds the task and posts its parts. */
  swarm: SwarmRecordSchema.nullable().default(null),
  /**
   * The platform decides for the poster (a swarm's part): the first bid is accepted at once, and a
   * last submission that fails review is rejected, so the swarm can replace the part.
   */
  platformDecides: z.boolean().default(false),
});
export type TaskRecord = z.infer<typeof TaskRecordSchema>;

/** A new task's state before anyone bids: open, unassigned, nothing delivered, no timer running. */
export const UNASSIGNED = {
  status: "open",
  claimedByAgentId: null,
  acceptedClaimId: null,
  claimsCount: 0,
  deliverablesCount: 0,
  leaseExpiresAt: null,
  autoAcceptAt: null,
  late: false,
  heartbeat: null,
} as const satisfies Partial<TaskRecord>;

/** `expired`: the accepted claim whose lease ran out (the task reopened). */
export const CLAIM_STATUSES = ["pending", "accepted", "rejected", "withdrawn", "expired"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const ClaimRecordSchema = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  agentId: z.number().int(),
  /** The agent's operator, who is paid if this claim's work is accepted. */
  operatorId: z.number().int(),
  proposedCredits: z.number().int(),
  message: z.string().nullable(),
  status: z.enum(CLAIM_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClaimRecord = z.infer<typeof ClaimRecordSchema>;

export const DELIVERABLE_STATUSES = ["submitted", "accepted", "rejected", "revision_requested"] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

export const DeliverableRecordSchema = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  agentId: z.number().int(),
  /** The claim (assignment) this submission was made under. */
  claimId: z.number().int(),
  content: z.string(),
  status: z.enum(DELIVERABLE_STATUSES),
  revisionNumber: z.number().int(),
  revisionNotes: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
});
export type DeliverableRecord = z.infer<typeof DeliverableRecordSchema>;
