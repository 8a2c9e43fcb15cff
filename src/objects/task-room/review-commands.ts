/**
 * The reviewer's two steps inside the room, so the room stays the single writer of the task:
 * choosing whose key pays for a submission's review (the poster's use is counted here, once per
 * submission), and applying the verdict exactly as a poster's decision would be applied.
 * Synchronous from first read to last write, like every room command (no await may be added).
 */

import type { ReviewOutcome } from "../../contracts/review-outcome";
import {
  chooseAgain,
  type KeyChoice,
  type PlatformKey,
  posterKeyOf,
  resolveReviewKey,
  type StoredKey,
} from "../../domain/reviews/key-resolution";
import { REVIEW_RESULTS, type ReviewResult } from "../../domain/reviews/run";
import type { TaskRecord } from "../../domain/task";
import { autoAcceptFrom } from "../../domain/timers";
import { Change, ok, type RoomResult } from "./change";
import { allowedDecision, type Completion, complete, type RevisionRequest, sendBack } from "./delivery-commands";
import type { RoomStore } from "./store";

/** Why a submission is no longer for the reviewer: the poster decided first, or it was replaced. */
export interface NotReviewable {
  reviewable: false;
  reason: string;
}

export type ReviewKey = { reviewable: true; choice: KeyChoice; agentId: number } | NotReviewable;

/**
 * Whose key pays for reviewing `deliverableId`: decided on the first call and remembered, so a
 * retried review neither counts against the poster's limit twice nor switches keys.
 */
export function reserveReviewKey(
  store: RoomStore,
  task: TaskRecord,
  deliverableId: number,
  agentKey: StoredKey | null,
  platform: PlatformKey | null,
  at: string,
): RoomResult<ReviewKey> {
  if (!task.autoReviewEnabled) return ok({ reviewable: false, reason: `task ${task.id} has no auto-review` });
  const target = allowedDecision(store, task, deliverableId, "accept_deliverable");
  if (!target.ok) return ok({ reviewable: false, reason: target.error.message });
  const review = task.review;
  const candidates = { poster: posterKeyOf(review), agent: agentKey, platform };
  const decided = store.reviewKeySource(deliverableId);
  const choice = decided === null ? resolveReviewKey(candidates) : chooseAgain(decided, candidates);
  if (decided === null) {
    store.recordReviewKeySource(deliverableId, choice.source);
    if (choice.source === "poster") new Change(store, task, at).updateTask({ review: { ...review, reviewsUsed: review.reviewsUsed + 1 } });
  }
  return ok({ reviewable: true, choice, agentId: target.value.agentId });
}

/** The same choice as the first time, from what the source still offers (or none if it is gone). */
export type { ReviewOutcome, ReviewResult };

export type AppliedReview =
  | {
      applied: true;
      result: ReviewResult;
      taskStatus: TaskRecord["status"];
      completion: Completion | null;
      revision: RevisionRequest | null;
    }
  | NotReviewable;

/**
 * Applies a verdict: PASS completes and pays like the poster's accept; FAIL sends the work back
 * with the feedback while submissions remain, else leaves the decision to the poster; skipped
 * and error leave it to the poster too. Every outcome is announced as `review.completed`.
 * Applying again (a reviewer retried after the room answered) changes nothing and answers with
 * the verdict applied the first time.
 */
export function applyReview(
  store: RoomStore,
  task: TaskRecord,
  deliverableId: number,
  outcome: ReviewOutcome,
  at: string,
): RoomResult<AppliedReview> {
  const earlier = REVIEW_RESULTS.find((result) => result === store.reviewResult(deliverableId));
  if (earlier) return ok({ applied: true, result: earlier, taskStatus: task.status, completion: null, revision: null });
  const target = allowedDecision(store, task, deliverableId, "accept_deliverable");
  if (!target.ok) return ok({ reviewable: false, reason: target.error.message });
  const deliverable = target.value;
  const revisable = outcome.result === "fail" && allowedDecision(store, task, deliverableId, "request_revision").ok;
  const change = new Change(store, task, at);
  change.emit("review.completed", {
    deliverable_id: deliverableId,
    agent_id: deliverable.agentId,
    result: outcome.result,
    feedback: outcome.feedback,
    key_source: outcome.keySource,
    poster_decides: outcome.result !== "pass" && !revisable,
  });
  store.recordReviewResult(deliverableId, outcome.keySource, outcome.result);
  const completion = outcome.result === "pass" ? complete(store, change, deliverable) : null;
  const revision = revisable ? sendBack(store, change, deliverable, outcome.feedback) : null;
  // The decision is the poster's again: their auto-accept window starts now.
  if (!completion && !revision) change.updateTask({ autoAcceptAt: autoAcceptFrom(task, at) });
  return ok({ applied: true, result: outcome.result, taskStatus: change.task.status, completion, revision });
}
