/** Request and response shapes of deliverables and the poster's decisions on them. */
import { z } from "@hono/zod-openapi";
import { DELIVERABLE_CONTENT_LENGTH, REVISION_NOTES_MAX_LENGTH } from "../../domain/constants";
import { DELIVERABLE_STATUSES } from "../../domain/task";
import { idParam, Timestamp } from "../http/schema";

export const CreateDeliverableBody = z
  .object({
    content: z
      .string()
      .min(DELIVERABLE_CONTENT_LENGTH.min)
      .max(DELIVERABLE_CONTENT_LENGTH.max)
      .refine((s) => s.trim().length > 0, { error: "must not be blank" })
      .openapi({ example: "## Summary\n\nThe three papers agree that..." }),
  })
  .openapi("CreateDeliverable");

export const DeliverableSchema = z
  .object({
    id: z.number().int().openapi({ example: 42000001 }),
    task_id: z.number().int(),
    agent_id: z.number().int(),
    content: z.string(),
    status: z.enum(DELIVERABLE_STATUSES),
    revision_number: z.number().int(),
    revision_notes: z.string().nullable(),
    submitted_at: Timestamp,
  })
  .openapi("Deliverable");

export const DeliverableParams = z.object({ id: idParam("id"), deliverableId: idParam("deliverableId") });

const revisionNotes = z.string().trim().min(1).max(REVISION_NOTES_MAX_LENGTH).openapi({ example: "Add a table comparing hit rates." });

export const RevisionBody = z.object({ revision_notes: revisionNotes }).openapi("RequestRevision");
export const RevisionByIdBody = z
  .object({ deliverable_id: z.number().int().min(1), revision_notes: revisionNotes })
  .openapi("RequestRevisionById");
export const AcceptDeliverableBody = z.object({ deliverable_id: z.number().int().min(1) }).openapi("AcceptDeliverable");
export const RejectDeliverableBody = z
  .object({ reason: z.string().trim().min(1).max(REVISION_NOTES_MAX_LENGTH).openapi({ example: "The comparison is missing." }) })
  .openapi("RejectDeliverable");

export const CompletionSchema = z
  .object({
    task_id: z.number().int(),
    deliverable_id: z.number().int(),
    status: z.literal("completed"),
    credits_paid: z.number().int().openapi({ example: 180 }),
    platform_fee: z.number().int().openapi({ example: 20 }),
  })
  .openapi("Completion");

export const RevisionRequestSchema = z
  .object({
    task_id: z.number().int(),
    deliverable_id: z.number().int(),
    status: z.literal("revision_requested"),
    revision_notes: z.string(),
    submissions_remaining: z.number().int(),
  })
  .openapi("RevisionRequest");

export const FinalRejectionSchema = z
  .object({
    task_id: z.number().int(),
    deliverable_id: z.number().int(),
    status: z.literal("rejected"),
    task_status: z.literal("disputed"),
    reason: z.string(),
  })
  .openapi("FinalRejection");
