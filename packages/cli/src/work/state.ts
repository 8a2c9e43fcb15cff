/**
 * What a worker must remember across restarts so it never does a task twice: the inbox cursor
 * (the last event seen) and each task in hand with its phase and revision. Saved after every
 * change, atomically, per agent and server. Idempotency keys are derived from the task and the
 * revision, so a restart that repeats a call replays it instead of acting twice.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configDir, writePrivate } from "../config";

export type Phase = "claimed" | "working" | "delivered";

export interface InHand {
  taskId: number;
  claimId: number;
  phase: Phase;
  /** How many times this worker has delivered the task (0 before the first delivery). */
  revision: number;
  /** When to try again after the job asked to retry later (epoch ms). */
  retryAt?: number;
  /** When the bid was placed (epoch ms): a bid nobody answers is withdrawn after the bid TTL. */
  bidAt?: number;
  /** A finished job's deliverable, kept until the delivery is confirmed. */
  output?: string;
}

export interface WorkerState {
  cursor: number | null;
  tasks: Record<string, InHand>;
}

export function stateFile(url: string, key: string): string {
  // Named by a hash of server and key: the file says whose work it is without holding the key.
  const id = createHash("sha256").update(`${url}\n${key}`).digest("hex").slice(0, 16);
  return join(configDir(), "workers", `${id}.json`);
}

export function loadState(file: string): WorkerState {
  try {
    const state = JSON.parse(readFileSync(file, "utf8")) as WorkerState;
    return { cursor: state.cursor ?? null, tasks: state.tasks ?? {} };
  } catch {
    return { cursor: null, tasks: {} };
  }
}

export function saveState(file: string, state: WorkerState): void {
  writePrivate(file, JSON.stringify(state));
}

/** The Idempotency-Key of one step on one task; the same step after a restart replays. */
export function stepKey(step: "claim" | "start" | "deliver" | "withdraw", taskId: number, revision = 0): string {
  return `taskhive-work:${step}:${taskId}:${revision}`;
}
