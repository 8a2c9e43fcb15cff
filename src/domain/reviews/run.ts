/**
 * A review run's life: started (the job was taken), evaluated (the model answered; kept so a
 * retry does not ask again), applied (the room has the verdict). Its result is one of four.
 */
export const REVIEW_RUN_STATUSES = ["started", "evaluated", "applied"] as const;
export type ReviewRunStatus = (typeof REVIEW_RUN_STATUSES)[number];

export const REVIEW_RESULTS = ["pass", "fail", "skipped", "error"] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
