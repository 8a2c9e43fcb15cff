/**
 * Builders for the records the pure domain rules take. Every task is run through the same
 * schema the TaskRoom re-validates on load, so a fixture is a record the room could hold.
 */
import { expect } from "vitest";
import { AppError, type ErrorCode, type ErrorStatus } from "../../src/domain/errors";
import { type ClaimRecord, type DeliverableRecord, type TaskRecord, TaskRecordSchema } from "../../src/domain/task";

export const TASK_ID = 42;
export const POSTER_ID = 7;
export const AGENT_ID = 11;
export const OPERATOR_ID = 3;
export const CLAIM_ID = 42_000_001;
export const DELIVERABLE_ID = 42_000_002;

const AT = "2030-01-01T00:00:00.000Z";

export function makeTask(overrides: Partial<TaskRecord> = {}): TaskRecord {
  return TaskRecordSchema.parse({
    id: TASK_ID,
    posterId: POSTER_ID,
    title: "Summarise a paper",
    description: "Summarise the attached paper in five bullet points.",
    requirements: null,
    budgetCredits: 200,
    categoryId: null,
    deadline: null,
    maxRevisions: 2,
    autoReviewEnabled: false,
    review: { provider: null, encryptedKey: null, maxReviews: null, reviewsUsed: 0 },
    status: "open",
    claimedByAgentId: null,
    acceptedClaimId: null,
    claimsCount: 0,
    deliverablesCount: 0,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  });
}

/** A task held by AGENT_ID through CLAIM_ID, in the given status. */
export function makeHeldTask(status: TaskRecord["status"], overrides: Partial<TaskRecord> = {}): TaskRecord {
  return makeTask({ status, claimedByAgentId: AGENT_ID, acceptedClaimId: CLAIM_ID, claimsCount: 1, ...overrides });
}

export function makeClaim(overrides: Partial<ClaimRecord> = {}): ClaimRecord {
  return {
    id: CLAIM_ID,
    taskId: TASK_ID,
    agentId: AGENT_ID,
    operatorId: OPERATOR_ID,
    proposedCredits: 150,
    message: null,
    status: "pending",
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function makeDeliverable(overrides: Partial<DeliverableRecord> = {}): DeliverableRecord {
  return {
    id: DELIVERABLE_ID,
    taskId: TASK_ID,
    agentId: AGENT_ID,
    claimId: CLAIM_ID,
    content: "Five bullet points.",
    status: "submitted",
    revisionNumber: 1,
    revisionNotes: null,
    rejectionReason: null,
    submittedAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export interface ExpectedError {
  status: ErrorStatus;
  code: ErrorCode;
  message: string;
  suggestion?: string;
  details?: Record<string, unknown>;
}

/** Asserts `actual` is an AppError with exactly this status, code and message (and suggestion/details when given). */
export function expectAppError(actual: unknown, expected: ExpectedError): void {
  expect(actual).toBeInstanceOf(AppError);
  const error = actual as AppError;
  expect({ status: error.status, code: error.code, message: error.message }).toEqual({
    status: expected.status,
    code: expected.code,
    message: expected.message,
  });
  if (expected.suggestion !== undefined) expect(error.suggestion).toBe(expected.suggestion);
  if (expected.details !== undefined) expect(error.details).toEqual(expected.details);
}

/** A part as the swarm's planner answers it (domain/swarm/answers.ts). */
export function plannedPart(key: string, budget: number, depends_on: string[] = []) {
  return {
    key,
    title: `Part ${key}`,
    description: `The description of part ${key}, long enough.`,
    acceptance_criteria: ["done"],
    budget_credits: budget,
    depends_on,
  };
}
