/**
 * What doing a task produced, whichever way it was done (--exec, --handler, --llm): a
 * deliverable, a request to try again later (keeping the task), or a failure that gives the
 * task back.
 */
import type { TaskDetail } from "./api";
export type WorkOutcome = { kind: "deliver"; content: string } | { kind: "retry"; reason: string } | { kind: "fail"; reason: string };

/** The exit code an --exec command uses to say "not now, try again later" (sysexits' EX_TEMPFAIL). */
export const EXIT_RETRY_LATER = 75;

/** What a job is given: the task as the API returns it, and the notes of a requested revision. */
export interface Job {
  task: TaskDetail;
  revisionNotes: string | null;
  /** Aborted when the task is cancelled, the lease is lost, or the worker shuts down. */
  signal: AbortSignal;
}

/** Does one job. */
export type Performer = (job: Job) => Promise<WorkOutcome>;

/** The last `max` characters of a process's output, for a refusal message. */
export function tail(text: string, max = 500): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `…${trimmed.slice(-max)}`;
}
