/**
 * TaskRoom: one Durable Object per task (named by its id), the single writer of that task's
 * lifecycle. Each RPC method runs its command synchronously (read, decide, write, append
 * events) so the input gate serialises competing calls, publishes the new events to the task's
 * live listeners in that same step, then brings the D1 projection up to date before answering.
 * An alarm retries the projection if D1 was unreachable, so a crash between the two delays the
 * projection but never loses it.
 *
 * Called by the Worker's task routes through `roomOf(env, taskId)` (contracts/addresses.ts); its
 * `fetch` serves only the live stream (WebSocket or SSE) the Worker forwards.
 */
import { eventMessage } from "../contracts/event-message";
import type { TaskEvent } from "../contracts/events";
import { database } from "../db/client";
import { projectionStatements } from "../db/projection";
import { taskErrors } from "../domain/error-catalogue";
import type { PlatformKey, StoredKey } from "../domain/reviews/key-resolution";
import type { ClaimRecord, DeliverableRecord, TaskRecord } from "../domain/task";
import type { TaskSight } from "../domain/visibility";
import type { LiveHub } from "./live/hub";
import { LiveObject } from "./live/live-object";
import { type Actor, type AgentActor, type RoomResult, refuse } from "./task-room/change";
import { acceptClaim, type ClaimDecision, placeClaim, rejectClaim, type Withdrawal, withdrawClaim } from "./task-room/claim-commands";
import {
  acceptDeliverable,
  type Completion,
  deliver,
  type FinalRejection,
  type RevisionRequest,
  rejectDeliverable,
  requestRevision,
  startWork,
} from "./task-room/delivery-commands";
import { taskLive } from "./task-room/live";
import { LogFollower } from "./task-room/log-follower";
import { type AppliedReview, applyReview, type ReviewKey, type ReviewOutcome, reserveReviewKey } from "./task-room/review-commands";
import { RoomStore } from "./task-room/store";
import { cancelTask, createTask, rollbackTask, type StatusChange } from "./task-room/task-commands";

/** How long to wait before retrying what D1 or the events queue did not take. */
const RETRY_MS = 2_000;
/** Events handed to the queue per send (a queue batch holds at most 100 messages). */
const QUEUE_BATCH = 100;

export type { Actor, AgentActor, RoomResult } from "./task-room/change";

export class TaskRoom extends LiveObject<TaskEvent, TaskSight> {
  private readonly store: RoomStore;
  /** The D1 projection of the task, its claims and deliverables (and the payment). */
  private readonly projection: LogFollower;
  /** The hand-off of every event to the events queue, for inboxes and webhooks. */
  private readonly outbox: LogFollower;
  /** The task's WebSocket and SSE listeners. */
  protected readonly live: LiveHub<TaskEvent, TaskSight>;
  /** Whether this instance has set the retry alarm and not yet cleared it. */
  private retryArmed = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new RoomStore(ctx.storage.sql);
    this.projection = new LogFollower(this.store, "d1", () => this.projectOnce());
    this.outbox = new LogFollower(this.store, "queue", (from, to) => this.sendEvents(from, to));
    this.live = taskLive(ctx, this.store, () => this.taskId());
  }

  async create(record: TaskRecord): Promise<TaskRecord> {
    const before = this.store.lastSeq();
    const task = this.atomically(() => createTask(this.store, record));
    await this.afterChange(before);
    return task;
  }

  claim(agent: AgentActor, input: { proposedCredits: number; message: string | null }): Promise<RoomResult<ClaimRecord>> {
    return this.command((task, at) => placeClaim(this.store, task, agent, input, at));
  }

  acceptClaim(actor: Actor, claimId: number): Promise<RoomResult<ClaimDecision>> {
    return this.command((task, at) => acceptClaim(this.store, task, actor, claimId, at));
  }

  rejectClaim(actor: Actor, claimId: number): Promise<RoomResult<ClaimDecision>> {
    return this.command((task, at) => rejectClaim(this.store, task, actor, claimId, at));
  }

  withdrawClaim(agent: AgentActor, claimId: number): Promise<RoomResult<Withdrawal>> {
    return this.command((task, at) => withdrawClaim(this.store, task, agent, claimId, at));
  }

  start(agent: AgentActor): Promise<RoomResult<TaskRecord>> {
    return this.command((task, at) => startWork(this.store, task, agent, at));
  }

  deliver(agent: AgentActor, content: string): Promise<RoomResult<DeliverableRecord>> {
    return this.command((task, at) => deliver(this.store, task, agent, content, at));
  }

  acceptDeliverable(actor: Actor, deliverableId: number): Promise<RoomResult<Completion>> {
    return this.command((task, at) => acceptDeliverable(this.store, task, actor, deliverableId, at));
  }

  requestRevision(actor: Actor, deliverableId: number, notes: string): Promise<RoomResult<RevisionRequest>> {
    return this.command((task, at) => requestRevision(this.store, task, actor, deliverableId, notes, at));
  }

  rejectDeliverable(actor: Actor, deliverableId: number, reason: string): Promise<RoomResult<FinalRejection>> {
    return this.command((task, at) => rejectDeliverable(this.store, task, actor, deliverableId, reason, at));
  }

  /** The reviewer's first step: whose key pays for reviewing this submission (decided once). */
  reserveReviewKey(deliverableId: number, agentKey: StoredKey | null, platform: PlatformKey | null): Promise<RoomResult<ReviewKey>> {
    return this.command((task, at) => reserveReviewKey(this.store, task, deliverableId, agentKey, platform, at));
  }

  /** The reviewer's last step: the verdict, applied as the poster's decision would be. */
  applyReview(deliverableId: number, outcome: ReviewOutcome): Promise<RoomResult<AppliedReview>> {
    return this.command((task, at) => applyReview(this.store, task, deliverableId, outcome, at));
  }

  cancel(actor: Actor): Promise<RoomResult<StatusChange>> {
    return this.command((task, at) => cancelTask(this.store, task, actor, at));
  }

  rollback(actor: Actor): Promise<RoomResult<StatusChange>> {
    return this.command((task, at) => rollbackTask(this.store, task, actor, at));
  }

  /** Retries whatever D1 or the events queue has not yet taken. */
  override async alarm(): Promise<void> {
    // The alarm that fires is gone; a failure below rethrows, and the runtime retries it.
    this.retryArmed = false;
    await this.catchUp();
  }

  /**
   * Runs one command: `run` must be synchronous, so nothing else touches the task between its
   * read and its write. Then the projection catches up before the caller hears the result.
   */
  private async command<T>(run: (task: TaskRecord, at: string) => RoomResult<T>): Promise<RoomResult<T>> {
    const task = this.store.task();
    if (!task) return refuse(taskErrors.notFound(this.taskId()));
    const before = this.store.lastSeq();
    const result = this.atomically(() => run(task, new Date().toISOString()));
    await this.afterChange(before);
    return result;
  }

  /** A command that throws half-way leaves nothing behind: storage and caches roll back together. */
  private atomically<T>(run: () => T): T {
    try {
      return this.ctx.storage.transactionSync(run);
    } catch (error) {
      this.store.reset();
      throw error;
    }
  }

  /**
   * Publishes the command's events, then brings the projection up to date before the caller
   * hears the result (reads of D1 show the caller's own write); the hand-off to the events queue
   * continues after the answer, since nothing the caller reads waits on it.
   */
  private async afterChange(seqBefore: number): Promise<void> {
    const seqAfter = this.store.lastSeq();
    if (seqAfter === seqBefore) return;
    // Still in the step that appended them: a listener registering now either got them in its
    // replay or receives them here, never both, never neither.
    this.live.publish(this.store.eventsSince(this.taskId(), seqBefore, seqAfter - seqBefore).map((entry) => entry.event));
    // Armed in the same step as the change (one write with it): a crash before the catch-up
    // still retries it.
    this.armRetry();
    try {
      await this.projection.catchUp();
    } catch (error) {
      // The change is durable here; the alarm retries what was not taken.
      this.logCatchUpFailure(error);
      return;
    }
    this.ctx.waitUntil(this.handOff());
  }

  /** The events queue after D1, so an inbox or webhook never announces what a read cannot yet show. */
  private async handOff(): Promise<void> {
    try {
      await this.outbox.catchUp();
      // Checked synchronously with the delete: a later command's pending work keeps the alarm.
      if (this.projection.caughtUp() && this.outbox.caughtUp()) {
        this.retryArmed = false;
        await this.ctx.storage.deleteAlarm();
      }
    } catch (error) {
      this.logCatchUpFailure(error);
    }
  }

  private armRetry(): void {
    if (this.retryArmed) return;
    this.retryArmed = true;
    this.ctx.storage.setAlarm(Date.now() + RETRY_MS).catch((error: unknown) => {
      this.retryArmed = false;
      this.logCatchUpFailure(error);
    });
  }

  private logCatchUpFailure(error: unknown): void {
    console.error(JSON.stringify({ at: "task-room.catch-up", task: this.taskId(), error: String(error) }));
  }

  private async catchUp(): Promise<void> {
    await this.projection.catchUp();
    await this.outbox.catchUp();
  }

  private async sendEvents(from: number, to: number): Promise<number> {
    const entries = this.store.eventsSince(this.taskId(), from, Math.min(QUEUE_BATCH, to - from));
    const last = entries.at(-1);
    if (!last) return from;
    await this.env.EVENTS.sendBatch(entries.map(({ event, audience }) => ({ body: eventMessage(event, audience), contentType: "json" })));
    return last.event.seq;
  }

  /** Writes the task's state as of the latest event to D1, in one batch. */
  private async projectOnce(): Promise<number> {
    const task = this.store.task();
    const seq = this.store.lastSeq();
    if (!task) return seq;
    const from = this.store.cursor("d1");
    const db = database(this.env.DB);
    const snapshot = {
      seq,
      task,
      claims: this.store.claimsChangedSince(from),
      deliverables: this.store.deliverablesChangedSince(from),
      payments: this.store.paymentsSince(from),
    };
    await this.env.DB.batch(projectionStatements(this.env.DB, db, snapshot, new Date().toISOString()));
    return seq;
  }

  private taskId(): number {
    const id = Number(this.ctx.id.name);
    if (!Number.isSafeInteger(id) || id < 1) throw new Error(`TaskRoom must be addressed by task id, got ${this.ctx.id.name}`);
    return id;
  }
}
