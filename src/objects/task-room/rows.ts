/**
 * The rows of a TaskRoom's claims, deliverables and event log as SQLite holds them, and how
 * claims and deliverables read back as domain records (a status SQLite holds that the domain
 * does not know is a corruption, and throws).
 */
import { CLAIM_STATUSES, type ClaimRecord, DELIVERABLE_STATUSES, type DeliverableRecord } from "../../domain/task";

export type Row = Record<string, SqlStorageValue>;

export interface ClaimRow extends Row {
  id: number;
  agent_id: number;
  operator_id: number;
  proposed_credits: number;
  message: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface DeliverableRow extends Row {
  id: number;
  agent_id: number;
  claim_id: number;
  content: string;
  status: string;
  revision_number: number;
  revision_notes: string | null;
  rejection_reason: string | null;
  submitted_at: string;
  updated_at: string;
}

export interface EventRow extends Row {
  seq: number;
  type: string;
  data: string;
  occurred_at: string;
  audience: string;
}

export function toClaim(r: ClaimRow, taskId: number): ClaimRecord {
  return {
    id: r.id,
    taskId,
    agentId: r.agent_id,
    operatorId: r.operator_id,
    proposedCredits: r.proposed_credits,
    message: r.message,
    status: oneOf(CLAIM_STATUSES, r.status),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toDeliverable(r: DeliverableRow, taskId: number): DeliverableRecord {
  return {
    id: r.id,
    taskId,
    agentId: r.agent_id,
    claimId: r.claim_id,
    content: r.content,
    status: oneOf(DELIVERABLE_STATUSES, r.status),
    revisionNumber: r.revision_number,
    revisionNotes: r.revision_notes,
    rejectionReason: r.rejection_reason,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  };
}
export function oneOf<T extends string>(allowed: readonly T[], value: string): T {
  const found = allowed.find((v) => v === value);
  if (found === undefined) throw new Error(`TaskRoom storage holds an unknown status: ${String(value)}`);
  return found;
}
