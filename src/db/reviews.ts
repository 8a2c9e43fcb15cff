/** The reviewer's runs in D1: taken once per submission, advanced step by step, listed per task. */
import { and, asc, eq, inArray, isNull, lt, or, type SQL } from "drizzle-orm";
import type { Database } from "./client";
import { reviewRuns } from "./schema";

export type ReviewRun = typeof reviewRuns.$inferSelect;

/** The run for a submission, created on the first call; later calls (redeliveries) get the same row. */
export async function takeRun(
  db: Database,
  job: { taskId: number; deliverableId: number; agentId: number },
  at: string,
): Promise<ReviewRun> {
  const [inserted] = await db
    .insert(reviewRuns)
    .values({ ...job, status: "started", startedAt: at })
    .onConflictDoNothing({ target: reviewRuns.deliverableId })
    .returning();
  if (inserted) return inserted;
  const existing = await db.select().from(reviewRuns).where(eq(reviewRuns.deliverableId, job.deliverableId)).get();
  if (!existing) throw new Error(`review run for deliverable ${job.deliverableId} vanished`);
  return existing;
}

/**
 * Lets `holder` (a queue message id) call the model for a started run, unless another message's
 * lease on it is still live: a duplicate job waits out the first instead of paying for a second
 * answer. The same message, redelivered after a crash, takes its own lease back at once.
 */
export async function takeReviewLease(db: Database, runId: number, holder: string, now: Date, seconds: number): Promise<boolean> {
  const at = now.toISOString();
  const rows = await db
    .update(reviewRuns)
    .set({ leaseHolder: holder, leaseExpiresAt: new Date(now.getTime() + seconds * 1000).toISOString() })
    .where(
      and(
        eq(reviewRuns.id, runId),
        eq(reviewRuns.status, "started"),
        or(isNull(reviewRuns.leaseHolder), eq(reviewRuns.leaseHolder, holder), lt(reviewRuns.leaseExpiresAt, at)),
      ),
    )
    .returning({ id: reviewRuns.id });
  return rows.length > 0;
}

export type Evaluation = Pick<
  ReviewRun,
  "keySource" | "provider" | "model" | "answer" | "inputTokens" | "outputTokens" | "costMicroUsd" | "error"
>;

export async function saveEvaluation(db: Database, runId: number, evaluation: Evaluation, at: string): Promise<void> {
  await db
    .update(reviewRuns)
    .set({ ...evaluation, status: "evaluated", evaluatedAt: at })
    .where(and(eq(reviewRuns.id, runId), eq(reviewRuns.status, "started")));
}

export type Verdict = Pick<
  ReviewRun,
  "result" | "feedback" | "requirementsMet" | "requirementsTotal" | "qualityScore" | "completenessScore" | "correctnessScore"
>;

export async function finishRun(db: Database, runId: number, verdict: Verdict, at: string): Promise<void> {
  await db
    .update(reviewRuns)
    .set({ ...verdict, status: "applied", completedAt: at })
    .where(eq(reviewRuns.id, runId));
}

/** A task's runs in submission order; `agentIds` narrows them to the caller's own agents. */
export function runsOfTask(db: Database, taskId: number, agentIds: readonly number[] | null) {
  const conditions: (SQL | undefined)[] = [
    eq(reviewRuns.taskId, taskId),
    agentIds === null ? undefined : inArray(reviewRuns.agentId, agentIds),
  ];
  return db
    .select()
    .from(reviewRuns)
    .where(and(...conditions))
    .orderBy(asc(reviewRuns.id));
}

/** The run for a submission, if one was taken. */
export function runOf(db: Database, deliverableId: number): Promise<ReviewRun | undefined> {
  return db.select().from(reviewRuns).where(eq(reviewRuns.deliverableId, deliverableId)).get();
}
