/**
 * The reviewer, as a pipeline of named steps: read the task, read the deliverable, resolve the
 * key, evaluate, validate the verdict, apply it. The run's progress is kept in D1 (`review_runs`),
 * so a retried job resumes after its last finished step: a model that already answered is not
 * asked (and paid) again, and an applied verdict is never applied twice. The TaskRoom stays the
 * single writer of the task: choosing the key and applying the verdict are its commands.
 */

import { roomOf } from "../../contracts/addresses";
import type { ReviewOutcome } from "../../contracts/review-outcome";
import { agentLlmKey } from "../../db/agents";
import { type Database, database } from "../../db/client";
import { deliverableForReview } from "../../db/deliverables";
import { type Evaluation, finishRun, type ReviewRun, saveEvaluation, takeReviewLease, takeRun } from "../../db/reviews";
import { taskBrief } from "../../db/tasks";
import { AppError } from "../../domain/errors";
import { promptNonce } from "../../domain/llm";
import type { KeyChoice, StoredKey } from "../../domain/reviews/key-resolution";
import type { ReviewSubject } from "../../domain/reviews/prompt";
import { feedbackFor, judge } from "../../domain/reviews/verdict";
import type { AppBindings } from "../../env";
import { platformKey } from "./config";
import { askWithKey } from "./keyed-call";
import { evaluate, type ModelAnswer, type ModelConfig } from "./models";

export interface ReviewJob {
  taskId: number;
  deliverableId: number;
  /** The queue message carrying the job: the holder of the run's lease while it calls the model. */
  messageId: string;
}

/** Longer than a model call can take with the SDK's retries (three attempts of 60 s, and backoff). */
export const REVIEW_LEASE_SECONDS = 300;

/** Another copy of the job holds the run's lease: it will finish the review, so this copy stops. */
export class ReviewBusy extends Error {}

/** The step that talks to the model; replaced in tests by nothing but a fake provider behind fetch. */
export type Evaluate = (config: ModelConfig, subject: ReviewSubject, nonce: string) => Promise<ModelAnswer>;

export const SKIPPED_FEEDBACK = "No LLM key was available for this review (poster, agent or platform), so the poster decides.";
export const ERROR_FEEDBACK = "The automatic review could not be completed, so the poster decides.";

export async function review(env: AppBindings, job: ReviewJob, ask: Evaluate = evaluate): Promise<ReviewRun> {
  const db = database(env.DB);
  const task = await readTask(db, job.taskId);
  const deliverable = await readDeliverable(db, job);
  const run = await takeRun(db, { ...job, agentId: deliverable.agentId }, new Date().toISOString());
  if (run.status === "applied") return run;

  let evaluation: Evaluation = run;
  if (run.status === "started") {
    const key = await resolveKey(env, db, job, deliverable.agentId);
    if (key === null) return superseded(db, run, "the poster decided before the review ran");
    if (!(await takeReviewLease(db, run.id, job.messageId, new Date(), REVIEW_LEASE_SECONDS))) {
      throw new ReviewBusy(`review of deliverable ${job.deliverableId} is running in another job`);
    }
    evaluation = await evaluateWith(env, key, { ...task, content: deliverable.content }, ask);
    await saveEvaluation(db, run.id, evaluation, new Date().toISOString());
  }
  return apply(env, db, run, evaluation, job);
}

async function readTask(db: Database, taskId: number) {
  const row = await taskBrief(db, taskId);
  if (!row) throw new Error(`review job names task ${taskId}, which the projection does not have yet`);
  return row;
}

async function readDeliverable(db: Database, job: ReviewJob) {
  const row = await deliverableForReview(db, job.deliverableId);
  if (!row || row.taskId !== job.taskId)
    throw new Error(`review job names deliverable ${job.deliverableId}, which is not on task ${job.taskId} yet`);
  return row;
}

/** Asks the room whose key pays; null when the submission is no longer awaiting a decision. */
async function resolveKey(env: AppBindings, db: Database, job: ReviewJob, agentId: number): Promise<KeyChoice | null> {
  const agentKey: StoredKey | null = await agentLlmKey(db, agentId);
  const room = roomOf(env, job.taskId);
  const result = await room.reserveReviewKey(job.deliverableId, agentKey, platformKey(env));
  if (!result.ok) throw AppError.from(result.error);
  return result.value.reviewable ? result.value.choice : null;
}

/** Calls the model once. A provider that stays down (after the SDK's own retries) is an `error` result, not a retry. */
function evaluateWith(env: AppBindings, key: KeyChoice, subject: ReviewSubject, ask: Evaluate): Promise<Evaluation> {
  return askWithKey(env, key, (config) => ask(config, subject, promptNonce()));
}

/** Judges the stored answer and hands the outcome to the room, then closes the run. */
async function apply(env: AppBindings, db: Database, run: ReviewRun, evaluation: Evaluation, job: ReviewJob): Promise<ReviewRun> {
  const keySource = evaluation.keySource ?? "none";
  const judged = evaluation.error === null && keySource !== "none" ? judge(evaluation.answer) : null;
  const outcome: ReviewOutcome = judged
    ? { result: judged.result, feedback: feedbackFor(judged), keySource }
    : {
        result: evaluation.error === null ? "skipped" : "error",
        feedback: evaluation.error === null ? SKIPPED_FEEDBACK : ERROR_FEEDBACK,
        keySource,
      };
  const room = roomOf(env, job.taskId);
  const applied = await room.applyReview(job.deliverableId, outcome);
  if (!applied.ok) throw AppError.from(applied.error);
  if ("reason" in applied.value) return superseded(db, run, applied.value.reason);
  const verdict = judged?.verdict ?? null;
  const finished = {
    // The room's word: a retry after the room applied the verdict gets the verdict it applied.
    result: applied.value.result,
    feedback: outcome.feedback,
    requirementsMet: verdict?.requirements_met ?? null,
    requirementsTotal: verdict?.requirements_total ?? null,
    qualityScore: verdict?.quality_score ?? null,
    completenessScore: verdict?.completeness_score ?? null,
    correctnessScore: verdict?.correctness_score ?? null,
  };
  await finishRun(db, run.id, finished, new Date().toISOString());
  return { ...run, ...evaluation, ...finished, status: "applied" };
}

/** The poster (or a rollback) got there first: the run ends without a verdict. */
async function superseded(db: Database, run: ReviewRun, reason: string): Promise<ReviewRun> {
  const finished = {
    result: null,
    feedback: `Not applied: ${reason}.`,
    requirementsMet: null,
    requirementsTotal: null,
    qualityScore: null,
    completenessScore: null,
    correctnessScore: null,
  };
  await finishRun(db, run.id, finished, new Date().toISOString());
  return { ...run, ...finished, status: "applied" };
}
