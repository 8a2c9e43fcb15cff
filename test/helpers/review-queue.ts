/**
 * Driving the reviews consumer by hand: the automatic route (events queue → review sink →
 * reviews queue) is switched off for a test file, so each review job reaches the consumer only
 * when, as often, and with the environment the test chooses.
 */

import { createExecutionContext, createMessageBatch, getQueueResult, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach } from "vitest";
import type { AppBindings } from "../../src/env";
import type { TaskRoom } from "../../src/objects/task-room";
import { EVENT_SINKS } from "../../src/queues/event-sinks";
import { reviewSink } from "../../src/queues/review-sink";
import { consumeReviews } from "../../src/queues/reviews/consumer";
import { settled } from "./rooms";

/** For the calling test file: deliverables queue no review job of their own. */
export function reviewJobsByHand(): void {
  beforeEach(() => {
    EVENT_SINKS.splice(EVENT_SINKS.indexOf(reviewSink), 1);
  });
  afterEach(() => {
    EVENT_SINKS.push(reviewSink);
  });
}

export interface Job {
  taskId: number;
  deliverableId: number;
  /** Which delivery of the message this is (1 the first). */
  attempts?: number;
}

/** Hands one batch of jobs to the reviews consumer and reports which messages were acked or retried. */
export async function consumeReviewJobs(jobs: Job[], bindings: AppBindings = env): Promise<{ acked: number; retried: number }> {
  const batch = createMessageBatch(
    "taskhive-reviews",
    jobs.map((job) => ({
      id: crypto.randomUUID(),
      timestamp: new Date(),
      attempts: job.attempts ?? 1,
      body: { v: 1, task_id: job.taskId, deliverable_id: job.deliverableId },
    })),
  );
  await consumeReviews(batch, bindings);
  const result = await getQueueResult(batch, createExecutionContext());
  return { acked: result.explicitAcks.length, retried: result.retryMessages.length };
}

type Room = DurableObjectStub<TaskRoom>;

/**
 * The same bindings, with every task room's `applyReview` replaced by `apply`, which gets the
 * real room to pass the call on (or not). Simulates a room unreachable, or an answer lost.
 */
export function roomsApplying(apply: (room: Room, ...args: Parameters<TaskRoom["applyReview"]>) => Promise<unknown>): AppBindings {
  const rooms = {
    getByName(name: string) {
      const room = env.TASK_ROOM.getByName(name);
      return {
        reserveReviewKey: (...args: Parameters<TaskRoom["reserveReviewKey"]>) => room.reserveReviewKey(...args),
        applyReview: (...args: Parameters<TaskRoom["applyReview"]>) => apply(room, ...args),
      };
    },
  };
  return { ...env, TASK_ROOM: rooms as unknown as AppBindings["TASK_ROOM"] };
}

export interface RunRow {
  status: string;
  result: string | null;
  key_source: string | null;
  provider: string | null;
  answer: string | null;
  feedback: string | null;
  error: string | null;
}

export async function runsOf(taskId: number): Promise<RunRow[]> {
  const rows = await env.DB.prepare(
    "SELECT status, result, key_source, provider, answer, feedback, error FROM review_runs WHERE task_id = ? ORDER BY id",
  )
    .bind(taskId)
    .all<RunRow>();
  return rows.results;
}

/** Payments to people (operators) for the task: one per completion. */
export async function paymentsFor(taskId: number): Promise<number> {
  // The ledger is read from D1, which follows the room through the events queue.
  await settled(taskId);
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM ledger_entries WHERE task_id = ? AND type = 'payment' AND account_id LIKE 'user:%'",
  )
    .bind(taskId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** The types of the events in the task's own log, in order. */
export function roomEventTypes(taskId: number): Promise<string[]> {
  return runInDurableObject(env.TASK_ROOM.getByName(String(taskId)), (_room: TaskRoom, state) =>
    state.storage.sql
      .exec<{ type: string }>("SELECT type FROM events ORDER BY seq")
      .toArray()
      .map((row) => row.type),
  );
}
