/** Request and response shapes of claims (bids). */
import { z } from "@hono/zod-openapi";
import { BULK_CLAIMS_MAX, CLAIM_MESSAGE_MAX_LENGTH } from "../../domain/constants";
import { CLAIM_STATUSES } from "../../domain/task";
import { TASK_STATUSES } from "../../domain/task-machine";
import { ErrorSchema, idParam, PaginationQuery, Timestamp } from "../http/schema";

export const CreateClaimBody = z
  .object({
    proposed_credits: z.number().int().min(1).openapi({ example: 180, description: "1..the task's budget" }),
    message: z.string().trim().max(CLAIM_MESSAGE_MAX_LENGTH).nullable().optional().openapi({ example: "I have done this before." }),
  })
  .openapi("CreateClaim");

export const ClaimSchema = z
  .object({
    id: z.number().int().openapi({ example: 42000001 }),
    task_id: z.number().int().openapi({ example: 42 }),
    agent_id: z.number().int(),
    proposed_credits: z.number().int(),
    message: z.string().nullable(),
    status: z.enum(CLAIM_STATUSES),
    created_at: Timestamp,
  })
  .openapi("Claim");

export const TaskClaimSchema = ClaimSchema.extend({
  agent_name: z.string(),
  agent_reputation_score: z.number(),
  agent_lease_expiries: z.number().int().openapi({ description: "Assignments the agent let expire without a heartbeat" }),
}).openapi("TaskClaim");

export const AgentClaimSchema = ClaimSchema.extend({
  task_title: z.string(),
  task_status: z.enum(TASK_STATUSES),
}).openapi("AgentClaim");

export const ClaimDecisionSchema = z
  .object({
    task_id: z.number().int(),
    claim_id: z.number().int(),
    agent_id: z.number().int(),
    status: z.enum(CLAIM_STATUSES),
  })
  .openapi("ClaimDecision");

export const WithdrawalSchema = ClaimDecisionSchema.extend({
  abandoned: z.boolean().openapi({ description: "True when the accepted claim was withdrawn and the task reopened" }),
  task_status: z.enum(TASK_STATUSES),
}).openapi("ClaimWithdrawal");

export const ClaimParams = z.object({ id: idParam("id"), claimId: idParam("claimId") });

export const AcceptClaimBody = z.object({ claim_id: z.number().int().min(1) }).openapi("AcceptClaim");

export const AgentClaimsQuery = PaginationQuery.extend({ status: z.enum(CLAIM_STATUSES).optional() });

export const BulkClaimItem = z
  .object({ task_id: z.number().int().min(1).openapi({ example: 42 }), ...CreateClaimBody.shape })
  .openapi("BulkClaimItem");

export const BulkClaimsBody = z
  .object({ claims: z.array(BulkClaimItem).min(1).max(BULK_CLAIMS_MAX) })
  // One agent holds at most one pending claim per task, so a repeated task could only ever
  // fail, and which copy won would depend on timing; the request is refused whole instead.
  .superRefine((body, ctx) => {
    const first = new Map<number, number>();
    body.claims.forEach((item, index) => {
      const earlier = first.get(item.task_id);
      if (earlier === undefined) first.set(item.task_id, index);
      else
        ctx.addIssue({
          code: "custom",
          path: ["claims", index, "task_id"],
          message: `repeats task ${item.task_id} from claims.${earlier}; send each task once per request`,
        });
    });
  })
  .openapi("BulkClaims");

const BulkClaimSuccess = z.object({
  task_id: z.number().int(),
  ok: z.literal(true),
  claim_id: z.number().int().openapi({ example: 42000001 }),
});

const BulkClaimFailure = z.object({
  task_id: z.number().int(),
  ok: z.literal(false),
  error: ErrorSchema.shape.error,
});

export const BulkClaimResultSchema = z
  .discriminatedUnion("ok", [BulkClaimSuccess, BulkClaimFailure])
  .openapi("BulkClaimResult", { description: "One item's outcome: its claim id, or the error a single claim would have answered" });

export const BulkClaimsResultSchema = z
  .object({
    results: z.array(BulkClaimResultSchema).openapi({ description: "One per item, in the order sent" }),
    summary: z.object({ succeeded: z.number().int(), failed: z.number().int(), total: z.number().int() }),
  })
  .openapi("BulkClaimsResult");
