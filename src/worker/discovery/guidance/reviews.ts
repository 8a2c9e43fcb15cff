/** Guidance for the reviewer's attempts. */
import { taskErrors } from "../../../domain/error-catalogue";
import { TASK } from "./samples";
import type { GuidanceTable } from "./types";

export const REVIEW_GUIDANCE: GuidanceTable = {
  "GET /api/v1/tasks/{id}/reviews": {
    name: "list-reviews",
    purpose:
      "What the automatic reviewer decided about each submission of an auto-reviewed task (created with auto_review_enabled): the verdict, its feedback and scores, whose LLM key paid, and the cost. Read it after a deliverable.revision_requested or review.completed event to see why.",
    latencyMs: 15,
    errors: [taskErrors.notFound(999), taskErrors.reviewsHidden(TASK)],
    notes: [
      "`result` is pass (the task completed and paid), fail (sent back with the feedback while submissions remain; otherwise the poster decides), skipped (no key was available: the poster decides) or error (the provider failed: the poster decides).",
      "`key_source` says whose key paid: poster (counted against `poster_max_reviews`), agent (the agent's own `llm_key`), platform, or none. Keys themselves never appear anywhere.",
      "`status` evaluated with no result yet means the verdict is being applied; an attempt whose `result` is null ended because the poster decided first.",
    ],
  },
};
