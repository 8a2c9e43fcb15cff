/**
 * `taskhive work`: finds tasks that pass the filters (a browse when it starts and every poll,
 * plus `task.new_match` from the agent's inbox as they are posted), bids on them, and works each
 * one the poster accepts through `TaskJob`, up to `concurrency` tasks in hand. The inbox stream
 * resumes from the saved cursor; the poll also reconciles every task in hand with the server, so
 * a missed event or a restart never leaves work undone or done twice.
 */
import type { InboxEvent, WorkerApi } from "./api";
import { type Filters, matches, parseBid } from "./filters";
import { sleep, TaskJob } from "./jobs";
import type { Performer } from "./outcome";
import { type InHand, loadState, saveState, stepKey, type WorkerState } from "./state";

export interface WorkerOptions {
  api: WorkerApi;
  perform: Performer;
  filters: Filters;
  concurrency: number;
  /** Take one task, finish it (paid), and stop. */
  once: boolean;
  pollMs: number;
  /** How long a bid may wait for the poster before it is withdrawn and its room given to other work. */
  bidTtlMs: number;
  stateFile: string;
  log(line: string): void;
}

export class Worker {
  private readonly state: WorkerState;
  private readonly jobs = new Map<number, TaskJob>();
  private readonly passed = new Set<number>();
  private readonly bid: (budget: number) => number;
  private readonly stopping = new AbortController();
  private me = 0;
  private paid = 0;

  constructor(private readonly options: WorkerOptions) {
    this.state = loadState(options.stateFile);
    this.bid = parseBid(options.filters.bid);
  }

  /** Runs until stopped (or, with --once, until one task is paid); resolves with the tasks paid. */
  async run(): Promise<number> {
    const { api, log } = this.options;
    const me = await api.whoami();
    this.me = me.id;
    log(`working as ${me.name} (agent ${me.id}); ${Object.keys(this.state.tasks).length} task(s) in hand from before`);
    const listening = this.listen();
    while (!this.stopping.signal.aborted) {
      await this.reconcile().catch((error: unknown) => log(`reconcile failed: ${String(error)}`));
      await this.discover().catch((error: unknown) => log(`browse failed: ${String(error)}`));
      // Jittered, so many workers started together do not poll in step.
      await sleep(this.options.pollMs * (0.8 + Math.random() * 0.4), this.stopping.signal);
    }
    await listening;
    return this.paid;
  }

  /** First call: take no new work, withdraw bids not yet accepted, let running jobs deliver. Second: abandon them too. */
  async stop(now = false): Promise<void> {
    this.stopping.abort();
    for (const hand of Object.values(this.state.tasks)) {
      const job = this.jobs.get(hand.taskId);
      if (hand.phase === "claimed" && !job?.busy) await this.giveBack(hand, "shutting down before it was accepted");
      else if (now && hand.phase === "working") {
        job?.stop();
        await this.giveBack(hand, "stopped mid-work");
      }
    }
    await Promise.all([...this.jobs.values()].map((job) => job.finished().catch(() => undefined)));
    saveState(this.options.stateFile, this.state);
  }

  private get inHand(): number {
    return Object.keys(this.state.tasks).length;
  }

  private async listen(): Promise<void> {
    const { api, log } = this.options;
    while (!this.stopping.signal.aborted) {
      try {
        for await (const event of api.inbox(this.state.cursor, this.stopping.signal)) {
          await this.onEvent(event).catch((error: unknown) => log(`event ${event.type} on task ${event.task_id}: ${String(error)}`));
          this.state.cursor = event.seq;
          this.save();
        }
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        log(`inbox stream dropped (${String(error)}); polling meanwhile, reconnecting`);
      }
      await sleep(this.options.pollMs, this.stopping.signal);
    }
  }

  private async onEvent(event: InboxEvent): Promise<void> {
    const hand = this.state.tasks[String(event.task_id)];
    const mine = event.data.agent_id === this.me;
    if (event.type === "task.new_match") return this.consider(event.task_id);
    if (!hand) return;
    if (event.type === "claim.accepted" && mine) return this.begin(hand, null);
    if (event.type === "deliverable.revision_requested" && mine) return this.begin(hand, String(event.data.revision_notes ?? ""));
    if (event.type === "deliverable.accepted" && mine) return this.settle(hand, `paid ${String(event.data.credits_paid)} credits`, true);
    if (["claim.rejected", "claim.lease_expired", "deliverable.rejected"].includes(event.type) && mine)
      return this.settle(hand, event.type, false);
    if (event.type === "task.cancelled") return this.settle(hand, "the task was cancelled", false);
  }

  private async discover(): Promise<void> {
    if (this.inHand >= this.options.concurrency || (this.options.once && this.paid > 0)) return;
    const { categories, minBudget } = this.options.filters;
    const queries = categories.length > 0 ? categories.map((category) => ({ category, minBudget })) : [{ minBudget }];
    for (const query of queries) {
      for (const offer of await this.options.api.openTasks(query)) {
        if (this.inHand >= this.options.concurrency) return;
        if (matches(offer, this.options.filters)) await this.consider(offer.id);
      }
    }
  }

  /** Bids on `taskId` if it fits and there is room; a refusal (already taken, own task) passes it over. */
  private async consider(taskId: number): Promise<void> {
    if (this.stopping.signal.aborted || this.passed.has(taskId) || this.state.tasks[String(taskId)]) return;
    if (this.inHand >= (this.options.once ? 1 : this.options.concurrency)) return;
    this.passed.add(taskId);
    const task = await this.options.api.task(taskId);
    if (!matches(task, this.options.filters)) return;
    try {
      const { claimId } = await this.options.api.claim(taskId, this.bid(task.budget_credits), stepKey("claim", taskId));
      this.state.tasks[String(taskId)] = { taskId, claimId, phase: "claimed", revision: 0, bidAt: Date.now() };
      this.save();
      this.options.log(`task ${taskId}: bid ${this.bid(task.budget_credits)} credits on "${task.title}"`);
    } catch (error) {
      this.options.log(`task ${taskId}: not bidding (${String(error)})`);
    }
  }

  /** Compares every task in hand with the server and acts on what changed while nobody listened. */
  private async reconcile(): Promise<void> {
    for (const hand of Object.values(this.state.tasks)) {
      if (this.jobs.get(hand.taskId)?.busy) continue;
      const seen = `${hand.phase}/${hand.revision}`;
      const claim = await this.options.api.claimStatus(hand.taskId, hand.claimId);
      if (claim !== "accepted" && claim !== "pending") {
        await this.settle(hand, `claim ${claim ?? "gone"}`, false);
        continue;
      }
      if (claim === "pending") {
        if (Date.now() - (hand.bidAt ?? Date.now()) > this.options.bidTtlMs)
          await this.giveBack(hand, "the poster did not answer the bid in time");
        continue;
      }
      const task = await this.options.api.task(hand.taskId);
      // The stream moved this task on while the poll read it: what was read is already stale.
      if (this.jobs.get(hand.taskId)?.busy || `${hand.phase}/${hand.revision}` !== seen) continue;
      if (task.status === "completed") await this.settle(hand, "completed", true);
      else if (task.status === "claimed" || (task.status === "in_progress" && hand.phase !== "delivered")) await this.begin(hand, null);
      else if (task.status === "in_progress") await this.begin(hand, await this.options.api.revisionNotes(hand.taskId));
      else if (task.status !== "delivered") await this.settle(hand, `task ${task.status}`, false);
    }
  }

  private begin(hand: InHand, notes: string | null): Promise<void> {
    if (this.stopping.signal.aborted && hand.phase === "claimed") return Promise.resolve();
    let job = this.jobs.get(hand.taskId);
    if (!job) {
      job = new TaskJob(
        {
          api: this.options.api,
          perform: this.options.perform,
          log: this.options.log,
          save: () => this.save(),
          release: (taskId) => this.forget(taskId),
        },
        hand,
      );
      this.jobs.set(hand.taskId, job);
    }
    if (job.busy) return Promise.resolve();
    // Not awaited: a job runs for as long as it takes, beside the stream and the poll.
    job.work(notes).catch((error: unknown) => this.options.log(`task ${hand.taskId}: ${String(error)}`));
    return Promise.resolve();
  }

  private async settle(hand: InHand, why: string, paid: boolean): Promise<void> {
    this.options.log(`task ${hand.taskId}: ${why}`);
    this.jobs.get(hand.taskId)?.stop();
    this.forget(hand.taskId);
    if (paid) {
      this.paid += 1;
      if (this.options.once) this.stopping.abort();
    }
  }

  private async giveBack(hand: InHand, why: string): Promise<void> {
    try {
      await this.options.api.withdraw(hand.taskId, hand.claimId, stepKey("withdraw", hand.taskId, hand.revision));
      this.options.log(`task ${hand.taskId}: withdrawn (${why})`);
    } catch (error) {
      this.options.log(`task ${hand.taskId}: could not withdraw (${String(error)})`);
    }
    this.forget(hand.taskId);
  }

  private forget(taskId: number): void {
    delete this.state.tasks[String(taskId)];
    this.jobs.delete(taskId);
    this.save();
  }

  private save(): void {
    saveState(this.options.stateFile, this.state);
  }
}
