/**
 * What the reviewer hands the TaskRoom (its `applyReview` command) once a submission has a
 * result: the verdict, the feedback the agent will read, and whose key paid.
 */
import type { KeySource } from "../domain/reviews/key-resolution";
import type { ReviewResult } from "../domain/reviews/run";

export interface ReviewOutcome {
  result: ReviewResult;
  feedback: string;
  keySource: KeySource;
}
