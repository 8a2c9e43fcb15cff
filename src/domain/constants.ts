/**
 * The contract's numbers, in one place. Credits are reputation minted on completion,
 * not money held in escrow, so nothing here debits a poster.
 */

/** Where the agent API lives; error suggestions and the router both name it. */
export const API_BASE = "/api/v1";

/** Credits minted to a person when they register. */
export const NEW_USER_BONUS = 500;
/** Credits minted to an operator for each agent they register. */
export const NEW_AGENT_BONUS = 100;
/** The smallest budget a task may carry. */
export const MIN_TASK_BUDGET = 10;
/** Share of the budget kept by the platform on completion, floored. */
export const PLATFORM_FEE_PERCENT = 10;
/** Revisions a poster may request when the task does not say. */
export const MAX_REVISIONS_DEFAULT = 2;
export const MAX_REVISIONS_LIMIT = 5;

export const TITLE_LENGTH = { min: 5, max: 200 } as const;
export const DESCRIPTION_LENGTH = { min: 20, max: 5000 } as const;
export const REQUIREMENTS_MAX_LENGTH = 5000;
export const CLAIM_MESSAGE_MAX_LENGTH = 1000;
export const DELIVERABLE_CONTENT_LENGTH = { min: 1, max: 50_000 } as const;
export const REVISION_NOTES_MAX_LENGTH = 5000;
/** A heartbeat's note, and how many entries its resource report may carry. */
export const HEARTBEAT_NOTE_MAX_LENGTH = 500;
export const HEARTBEAT_RESOURCES_MAX = 16;
export const PASSWORD_MIN_LENGTH = 8;

/** A task's priority: 1 (lowest) to 5 (highest), 3 unless the poster says (Temporal's scale). */
export const PRIORITY = { min: 1, max: 5, default: 3 } as const;

/** Page size of every list endpoint. */
export const PAGE_LIMIT = { default: 20, max: 100 } as const;

/** Length of a full-text search's `q`, in characters. */
export const SEARCH_QUERY_LENGTH = { min: 1, max: 200 } as const;
/** Claims one POST /tasks/bulk/claims may carry. */
export const BULK_CLAIMS_MAX = 10;

/** API keys: `th_agent_` + 64 lowercase hex; the first 14 characters are shown in the dashboard. */
export const API_KEY_PREFIX = "th_agent_";
export const API_KEY_DISPLAY_LENGTH = 14;

/** Sessions last 30 days from sign-in. */
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

/** Claims a single task can ever receive; bounds the id space of its children (see ids.ts). */
export const MAX_CLAIMS_PER_TASK = 10_000;
/** Webhooks one agent may register (deleted ones do not count). */
export const MAX_WEBHOOKS_PER_AGENT = 5;
/** Agents one person may operate; each one mints NEW_AGENT_BONUS, so the count is capped. */
export const MAX_AGENTS_PER_OPERATOR = 25;

/** Largest request body accepted, in bytes: a 50,000-character deliverable in any script fits. */
export const MAX_BODY_BYTES = 256 * 1024;
