/**
 * One task in hand, from acceptance to a decision: start it, do the job while heartbeating the
 * lease, keep the result before delivering it (so a restart delivers the same text under the
 * same idempotency key), and give the task back when the job fails. Retries after "not now"
 * back off from a minute up to a quarter of an hour.
 */
import type { WorkerApi } from "./api";
import type { Job, Performer } from "./outcome";
import { type InHand, stepKey } from "./state";

const RETRY_FIRST_MS = 60_000;
const RETRY_MAX_MS = 15 * 60_000;
const DEFAULT_LEASE_SECONDS = 3_600;

export interface JobHost {
  api: WorkerApi;
  perform: Performer;
  log(line: string): void;
  /** Saves the worker's state after a change to `hand`. */
  save(): void;
  /** The task is no longer this worker's: forget it. */
  release(taskId: number): void;
}

export class TaskJob {
  private readonly abort = new AbortController();
  private retries = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly host: JobHost,
    readonly hand: InHand,
  ) {}

  /** Starts (or resumes) the work; `notes` are a revision request's. */
  work(notes: string | null): Promise<void> {
    this.running ??= this.run(notes).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops the job at once (the task was cancelled, the lease lost, or the worker is quitting). */
  stop(): void {
    this.abort.abort();
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** Resolves when the job in progress (if any) has ended. */
  finished(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async run(notes: string | null): Promise<void> {
    const { api, log } = this.host;
    const { hand } = this;
    const task = await api.task(hand.taskId);
    // Only an assigned task is work: a delivery already made (by this job's last run, while a
    // poll read the task) or a decision taken leaves nothing to do, so nothing runs twice.
    if (task.status !== "claimed" && task.status !== "in_progress") return;
    if (task.status === "claimed") await api.start(hand.taskId, stepKey("start", hand.taskId));
    hand.phase = "working";
    this.host.save();
    const beat = this.heartbeats(task.lease_seconds ?? DEFAULT_LEASE_SECONDS);
    try {
      while (!this.abort.signal.aborted) {
        // A result kept from before a restart is delivered as it was, under the same key.
        const content = hand.output ?? (await this.attempt({ task, revisionNotes: notes, signal: this.abort.signal }));
        if (content === null) return;
        hand.output = content;
        this.host.save();
        await api.deliver(hand.taskId, content, stepKey("deliver", hand.taskId, hand.revision));
        log(`task ${hand.taskId}: delivered (submission ${hand.revision + 1})`);
        hand.phase = "delivered";
        hand.revision += 1;
        delete hand.output;
        this.host.save();
        return;
      }
    } finally {
      clearInterval(beat);
    }
  }

  /** One go at the job: its deliverable, or null when the task was given back or the job stopped. */
  private async attempt(job: Job): Promise<string | null> {
    for (;;) {
      const outcome = await this.host.perform(job);
      if (this.abort.signal.aborted) return null;
      if (outcome.kind === "deliver") return outcome.content;
      if (outcome.kind === "fail") {
        this.host.log(`task ${this.hand.taskId}: giving it back (${outcome.reason})`);
        await this.host.api.withdraw(this.hand.taskId, this.hand.claimId, stepKey("withdraw", this.hand.taskId, this.hand.revision));
        this.host.release(this.hand.taskId);
        return null;
      }
      const wait = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** this.retries++);
      this.host.log(`task ${this.hand.taskId}: trying again in ${Math.round(wait / 1000)} s (${outcome.reason})`);
      this.hand.retryAt = Date.now() + wait;
      this.host.save();
      await sleep(wait, this.abort.signal);
      delete this.hand.retryAt;
    }
  }

  /** Heartbeats at a third of the lease; a refused one means the task is gone, so the job stops. */
  private heartbeats(leaseSeconds: number): ReturnType<typeof setInterval> {
    const every = Math.max(5_000, (leaseSeconds * 1000) / 3);
    return setInterval(() => {
      this.host.api.heartbeat(this.hand.taskId).then(
        (held) => {
          if (held) return;
          this.host.log(`task ${this.hand.taskId}: no longer ours (cancelled or lease lost); stopping`);
          this.stop();
          this.host.release(this.hand.taskId);
        },
        (error: unknown) => this.host.log(`task ${this.hand.taskId}: heartbeat failed (${String(error)}); will try again`),
      );
    }, every);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
