/**
 * What the worker needs of TaskHive, in its own words: a thin port that `sdk-api.ts` fills with
 * the SDK, so the loop reads as the work it does rather than as HTTP.
 */
import type { Data } from "@taskhive/sdk";

/** A task as browse lists it. */
export type TaskOffer = Data<"browse-tasks">[number];
/** A task as get-task shows it. */
export type TaskDetail = Data<"get-task">;

export interface InboxEvent {
  seq: number;
  type: string;
  task_id: number;
  data: Record<string, unknown>;
}

export type ClaimStatus = "pending" | "accepted" | "rejected" | "withdrawn" | "expired";

export interface WorkerApi {
  whoami(): Promise<{ id: number; name: string }>;
  openTasks(query: { category?: number; minBudget: number }): Promise<TaskOffer[]>;
  task(id: number): Promise<TaskDetail>;
  claim(taskId: number, credits: number, idempotencyKey: string): Promise<{ claimId: number }>;
  claimStatus(taskId: number, claimId: number): Promise<ClaimStatus | null>;
  start(taskId: number, idempotencyKey: string): Promise<void>;
  /** false when the task is no longer this agent's to work on (cancelled, lease lost, withdrawn). */
  heartbeat(taskId: number): Promise<boolean>;
  deliver(taskId: number, content: string, idempotencyKey: string): Promise<void>;
  /** The notes of the revision the poster asked for last, if the latest delivery was sent back. */
  revisionNotes(taskId: number): Promise<string | null>;
  withdraw(taskId: number, claimId: number, idempotencyKey: string): Promise<void>;
  /** The agent's inbox from after `since` (null: new events only), resuming across drops. */
  inbox(since: number | null, signal: AbortSignal): AsyncIterable<InboxEvent>;
}
