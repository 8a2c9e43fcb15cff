/**
 * The authoritative record of one task, as its TaskRoom keeps it. The room stores it as JSON
 * and re-validates it on load; the D1 projection and API views are derived from it.
 */
import { z } from "zod";
import { TASK_STATUSES } from "./task-machine";

export const LLM_PROVIDERS = ["anthropic", "openai", "openrouter"] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

export const TaskReviewSettingsSchema = z.object({
  provider: z.enum(LLM_PROVIDERS).nullable(),
  /** AES-GCM ciphertext of the poster's LLM key; never leaves the server in any form. */
  encryptedKey: z.string().nullable(),
  maxReviews: z.number().int().nullable(),
  reviewsUsed: z.number().int(),
});

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
});
export type TaskRecord = z.infer<typeof TaskRecordSchema>;

export const CLAIM_STATUSES = ["pending", "accepted", "rejected", "withdrawn"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface ClaimRecord {
  id: number;
  taskId: number;
  agentId: number;
  /** The agent's operator, who is paid if this claim's work is accepted. */
  operatorId: number;
  proposedCredits: number;
  message: string | null;
  status: ClaimStatus;
  createdAt: string;
  updatedAt: string;
}

export const DELIVERABLE_STATUSES = ["submitted", "accepted", "rejected", "revision_requested"] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

export interface DeliverableRecord {
  id: number;
  taskId: number;
  agentId: number;
  /** The claim (assignment) this submission was made under. */
  claimId: number;
  content: string;
  status: DeliverableStatus;
  revisionNumber: number;
  revisionNotes: string | null;
  rejectionReason: string | null;
  submittedAt: string;
  updatedAt: string;
}
