/** Request and response shapes of claims (bids). */
import { z } from "@hono/zod-openapi";
import { CLAIM_MESSAGE_MAX_LENGTH } from "../../domain/constants";
import { CLAIM_STATUSES } from "../../domain/task";
import { TASK_STATUSES } from "../../domain/task-machine";
import { idParam, PaginationQuery, Timestamp } from "./common";

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
