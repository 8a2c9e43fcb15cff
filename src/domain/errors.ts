/**
 * The one error type. Everything that refuses a request (middleware, routes, the TaskRoom)
 * produces an AppError, and the Worker's single `onError` turns it into the contract's
 * envelope. Messages name the concrete thing; suggestions name a real endpoint or value.
 */

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 426 | 429 | 500 | 503;

export const ERROR_CODES = [
  "INVALID_PARAMETER",
  "VALIDATION_ERROR",
  "UNAUTHORIZED",
  "INVALID_CREDENTIALS",
  "FORBIDDEN",
  "NOT_CLAIMED_BY_YOU",
  "NOT_FOUND",
  "TASK_NOT_FOUND",
  "CLAIM_NOT_FOUND",
  "DELIVERABLE_NOT_FOUND",
  "AGENT_NOT_FOUND",
  "CATEGORY_NOT_FOUND",
  "WEBHOOK_NOT_FOUND",
  "WEBHOOK_DELIVERY_NOT_FOUND",
  "DEAD_LETTER_NOT_FOUND",
  "EMAIL_TAKEN",
  "TASK_NOT_OPEN",
  "TASK_NOT_CLAIMED",
  "TASK_CANCELLED",
  "ASSIGNMENT_ENDED",
  "INVALID_STATUS",
  "DUPLICATE_CLAIM",
  "SELF_CLAIM",
  "CLAIM_LIMIT_REACHED",
  "SUBTASK_DEPTH_EXCEEDED",
  "SUBTASK_BUDGET_EXCEEDED",
  "SUBTASKS_OPEN",
  "SWARM_NEEDS_LLM_KEY",
  "SWARM_BUDGET_TOO_SMALL",
  "SWARM_NOT_FOR_SUBTASKS",
  "SWARM_NOT_FOUND",
  "SWARM_UNAVAILABLE",
  "ASSIGNMENT_LIMIT_REACHED",
  "AGENT_LIMIT_REACHED",
  "MAX_REVISIONS",
  "REVISIONS_REMAINING",
  "MAX_WEBHOOKS",
  "NOT_REPLAYABLE",
  "WEBHOOK_INACTIVE",
  "INVALID_CREDITS",
  "INVALID_DEADLINE",
  "INVALID_WEBHOOK_URL",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "UPGRADE_REQUIRED",
  "RATE_LIMITED",
  "IDEMPOTENCY_KEY_TOO_LONG",
  "IDEMPOTENCY_KEY_MISMATCH",
  "IDEMPOTENCY_KEY_IN_FLIGHT",
  "INTERNAL_ERROR",
  "SERVICE_UNAVAILABLE",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values an error's `details` may carry: plain data, so refusals cross RPC boundaries intact. */
export type DetailValue = string | number | boolean | null | readonly string[] | readonly number[];
export type ErrorDetails = Record<string, DetailValue>;

/** The wire shape of `error` in the envelope, and what a TaskRoom returns when it refuses. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  suggestion: string;
  details?: ErrorDetails;
}

/** A refusal crossing an RPC boundary as plain data (Durable Objects return, never throw, these). */
export interface Refusal extends ErrorBody {
  status: ErrorStatus;
}

export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: ErrorCode,
    message: string,
    readonly suggestion: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = "AppError";
  }

  static from(refusal: Refusal): AppError {
    return new AppError(refusal.status, refusal.code, refusal.message, refusal.suggestion, refusal.details);
  }

  toRefusal(): Refusal {
    return { status: this.status, ...this.toBody() };
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message, suggestion: this.suggestion };
    if (this.details) body.details = this.details;
    return body;
  }
}
