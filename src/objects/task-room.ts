/**
 * TaskRoom: one Durable Object per task (named by its id), the single writer of that task's
 * lifecycle. Each RPC method runs its command synchronously (read, decide, write, append
 * events) so the input gate serialises competing calls, and answers once its own storage holds
 * the change; the task's live listeners receive the new events right after. The D1
 * projection (lists, search, the ledger's postings) and the events queue follow the answer from
 * the room's log; an alarm retries what they did not take, so a crash between the answer and
 * the projection delays it but never loses it. The same alarm fires the task's timers (a lease,
 * an auto-accept window, the deadline: domain/timers.ts). Reads of one task come from the room
 * (`read`, `claimList`, `deliverableList`), so a caller always reads its own writes.
 *
 * Called by the Worker's task routes through `roomOf(env, taskId)` (contracts/addresses.ts); its
 * `fetch` serves only the live stream (WebSocket or SSE) the Worker forwards.
 */
import { callerOf } from "../contracts/addresses";
import type { TaskEvent } from "../contracts/events";
import { taskErrors } from "../domain/error-catalogue";
import type { PlatformKey, StoredKey } from "../domain/reviews/key-resolution";
import type { ChildOutcome } from "../domain/subtasks";
import type { CallReport, SwarmTicket } from "../domain/swarm/calls";
import type { ClaimRecord, DeliverableRecord, TaskRecord, WorkerReport } from "../domain/task";
import { dueTimer, type TimerKind } from "../domain/timers";
import type { TaskSight } from "../domain/visibility";
import type { LiveHub } from "./live/hub";
import { LiveObject } from "./live/live-object";
import { type Actor, type AgentActor, type RoomResult, refuse } from "./task-room/change";
import {
  acceptableClaim,
  acceptClaim,
  type ClaimDecision,
  placeClaim,
  rejectClaim,
  type Withdrawal,
  withdrawClaim,
} from "./task-room/claim-commands";
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
import { RoomFollowUp, type Settlement } from "./task-room/follow-up";
import { taskLive } from "./task-room/live";
import { listClaims, listDeliverables, readTask, type TaskReading } from "./task-room/readings";
import { type AppliedReview, applyReview, type ReviewKey, type ReviewOutcome, reserveReviewKey } from "./task-room/review-commands";
import { RoomStore } from "./task-room/store";
import { cancelForParent, type Reservation, reserveSubtask, settleChild } from "./task-room/subtask-commands";
import {
  advanceSwarm,
  beginSwarm,
  finishSwarmCall,
  rejectFailedPart,
  remindStaleCalls,
  stopSwarmFor,
  takeSwarmCall,
} from "./task-room/swarm-commands";
import { cancelTask, createTask, rollbackTask, type StatusChange } from "./task-room/task-commands";
import { fireDueTimers, heartbeat, type Lease } from "./task-room/timer-commands";

export type { Actor, AgentActor, RoomResult } from "./task-room/change";
export type { TaskReading } from "./task-room/readings";

/** What `reconcile` did: the timers it found due, and whether D1 and the queue have everything. */
export interface Reconciliation {
  fired: TimerKind[];
  settled: boolean;
  reprojected: boolean;
}

export class TaskRoom extends LiveObject<TaskEvent, TaskSight> {
  private readonly store: RoomStore;
  /** The task's WebSocket and SSE listeners. */
  protected readonly live: LiveHub<TaskEvent, TaskSight>;
  /** What follows each change after the answer: the listeners, the events queue (carrying D1), the alarm. */
  private readonly followUp: RoomFollowUp;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new RoomStore(ctx.storage.sql);
    this.live = taskLive(ctx, this.store, () => this.taskId());
    this.followUp = new RoomFollowUp(ctx, env, this.store, this.live, () => this.taskId());
  }

  create(record: TaskRecord): TaskRecord {
    const before = this.store.lastSeq();
    const task = this.atomically(() => {
      createTask(this.store, record);
      // A swarm task is taken by its coordinator in the same step: no agent can bid on it first.
      beginSwarm(this.store, record.createdAt);
      return this.store.task() ?? record;
    });
    this.followUp.changed(before);
    return task;
  }

  /** Places a bid; on a task assigned to its first bidder (a swarm's part) the bid is accepted at once if it can be. */
  async claim(agent: AgentActor, input: { proposedCredits: number; message: string | null }): Promise<RoomResult<ClaimRecord>> {
    const placed = this.command((task, at) => placeClaim(this.store, task, agent, input, at));
    const task = this.store.task();
    if (!placed.ok || !task?.platformDecides) return placed;
    // Refused (another bid was accepted first, or the agent holds its limit of tasks): the bid stays as it is.
    await this.acceptClaim({ userId: task.posterId, agentId: task.postedByAgentId }, placed.value.id);
    return { ok: true, value: this.store.claim(placed.value.id) ?? placed.value };
  }

  /**
   * Accepts a claim once its agent's Caller grants a slot (an agent holds at most its limit of
   * tasks at once; domain/assignments.ts). The slot is asked for before the command, which then
   * checks everything again synchronously; a command that refuses gives the slot back.
   */
  async acceptClaim(actor: Actor, claimId: number): Promise<RoomResult<ClaimDecision>> {
    this.fireTimers();
    const task = this.store.task();
    if (!task) return refuse(taskErrors.notFound(this.taskId()));
    const acceptable = acceptableClaim(this.store, task, actor, claimId);
    if (!acceptable.ok) return acceptable;
    const caller = callerOf(this.env, { kind: "agent", id: acceptable.value.agentId });
    const slot = await caller.acquireSlot(task.id, claimId);
    if (!slot.granted) return { ok: false, error: slot.error };
    const result = this.command((now, at) => acceptClaim(this.store, now, actor, claimId, at));
    if (!result.ok) await caller.releaseSlot(task.id, claimId);
    return result;
  }

  rejectClaim(actor: Actor, claimId: number): RoomResult<ClaimDecision> {
    return this.command((task, at) => rejectClaim(this.store, task, actor, claimId, at));
  }

  withdrawClaim(agent: AgentActor, claimId: number): RoomResult<Withdrawal> {
    return this.command((task, at) => withdrawClaim(this.store, task, agent, claimId, at));
  }

  start(agent: AgentActor): RoomResult<TaskRecord> {
    return this.command((task, at) => startWork(this.store, task, agent, at));
  }

  deliver(agent: AgentActor, content: string): RoomResult<DeliverableRecord> {
    return this.command((task, at) => deliver(this.store, task, agent, content, at));
  }

  acceptDeliverable(actor: Actor, deliverableId: number): RoomResult<Completion> {
    return this.command((task, at) => acceptDeliverable(this.store, task, actor, deliverableId, at));
  }

  requestRevision(actor: Actor, deliverableId: number, notes: string): RoomResult<RevisionRequest> {
    return this.command((task, at) => requestRevision(this.store, task, actor, deliverableId, notes, at));
  }

  rejectDeliverable(actor: Actor, deliverableId: number, reason: string): RoomResult<FinalRejection> {
    return this.command((task, at) => rejectDeliverable(this.store, task, actor, deliverableId, reason, at));
  }

  /** The reviewer's first step: whose key pays for reviewing this submission (decided once). */
  reserveReviewKey(deliverableId: number, agentKey: StoredKey | null, platform: PlatformKey | null): RoomResult<ReviewKey> {
    return this.command((task, at) => reserveReviewKey(this.store, task, deliverableId, agentKey, platform, at));
  }

  /** The reviewer's last step: the verdict, applied as the poster's decision would be (a swarm part's final FAIL is rejected). */
  applyReview(deliverableId: number, outcome: ReviewOutcome): RoomResult<AppliedReview> {
    return this.command((task, at) => {
      const applied = applyReview(this.store, task, deliverableId, outcome, at);
      if (applied.ok && "applied" in applied.value) rejectFailedPart(this.store, deliverableId, outcome, at);
      return applied;
    });
  }

  cancel(actor: Actor): RoomResult<StatusChange> {
    return this.command((task, at) => cancelTask(this.store, task, actor, at));
  }

  rollback(actor: Actor): RoomResult<StatusChange> {
    return this.command((task, at) => rollbackTask(this.store, task, actor, at));
  }

  /** Reserves a part's budget for the assignee posting `child` as a subtask (the route then creates its room). */
  reserveSubtask(agent: AgentActor, child: TaskRecord): RoomResult<Reservation> {
    return this.command((task, at) => reserveSubtask(this.store, task, agent, child, at));
  }

  /** A part of this task ended (its room's outbox says so): its reservation is spent or released. */
  settleChild(childId: number, outcome: ChildOutcome): RoomResult<{ settled: boolean }> {
    return this.command((task, at) => settleChild(this.store, task, childId, outcome, at));
  }

  /** This task is a part its parent no longer needs (the parent was cancelled or reopened). */
  cancelForParent(): RoomResult<StatusChange | null> {
    return this.command((task, at) => cancelForParent(this.store, task, at));
  }

  /** A queue message asks to make the swarm's LLM call `round` (swarm-commands.ts). */
  takeSwarmCall(round: number, holder: string, platform: PlatformKey | null): RoomResult<SwarmTicket> {
    return this.command((task, at) => takeSwarmCall(this.store, task, round, holder, platform, at));
  }

  /** The swarm's call `round` answered (or failed): recorded and applied once. */
  finishSwarmCall(round: number, report: CallReport): RoomResult<{ applied: boolean }> {
    return this.command((task, at) => finishSwarmCall(this.store, task, round, report, at));
  }

  /** The swarm stops and hands the task to its poster (a call the queue gave up on). */
  stopSwarm(reason: string): RoomResult<{ stopped: boolean }> {
    return this.command((task, at) => stopSwarmFor(this.store, task, reason, at));
  }

  /** The assignee's sign of life: extends the lease, keeps its report, and says if it should stop. */
  heartbeat(agent: AgentActor, report: WorkerReport): RoomResult<Lease> {
    return this.command((task, at) => heartbeat(this.store, task, agent, report, at));
  }

  /**
   * Brings the room back to where its state says it should be, for the reconciler: fires what is
   * due, asks again for swarm calls no queue message is making, sets the alarm again whatever
   * this instance believes it holds, sends the queue whatever it has not taken, and settles D1
   * (see settle).
   */
  async reconcile(): Promise<Reconciliation> {
    const fired = this.fireTimers();
    this.remindSwarmCalls();
    this.followUp.rearm();
    const outcome = await this.settle();
    if (!outcome.settled) this.followUp.logFailure(outcome.error);
    return { fired, settled: outcome.settled, reprojected: outcome.settled && outcome.reprojected };
  }

  /**
   * The task as its room holds it, with the facts next_actions asks about (for `agentId`, the
   * viewer's agent): a read that always shows the caller's own writes, whatever D1 has yet taken.
   */
  read(agentId: number | null): TaskReading | null {
    return readTask(this.store, agentId);
  }

  /** The task and every claim on it, newest first. */
  claimList(): { task: TaskRecord; claims: ClaimRecord[] } | null {
    return listClaims(this.store);
  }

  /** The task and every submission, in submission order. */
  deliverableList(): { task: TaskRecord; deliverables: DeliverableRecord[] } | null {
    return listDeliverables(this.store);
  }

  /** Waits until the events queue has taken every change so far and D1 shows them (RoomFollowUp.settle). */
  settle(): Promise<Settlement> {
    return this.followUp.settle();
  }

  /**
   * Fires the task's due timers, then retries whatever D1 or the events queue has not yet taken,
   * and sets the next alarm: the next timer, or a retry if the outbox failed, however long D1
   * stays away (the runtime's own retries of a throwing alarm are limited).
   */
  override async alarm(): Promise<void> {
    await this.followUp.alarmFired(() => this.fireTimers());
  }

  /**
   * Runs one command: `run` must be synchronous, so nothing else touches the task between its
   * read and its write. Timers already due fire first, so a command never acts on a lease or a
   * window that has run out, however late the alarm is. The caller hears the result as soon as
   * it is stored.
   */
  private command<T>(run: (task: TaskRecord, at: string) => RoomResult<T>): RoomResult<T> {
    this.fireTimers();
    const task = this.store.task();
    if (!task) return refuse(taskErrors.notFound(this.taskId()));
    const before = this.store.lastSeq();
    const at = new Date().toISOString();
    const result = this.atomically(() => {
      const outcome = run(task, at);
      // A swarm task moves on with every change of its own, in the same transaction.
      advanceSwarm(this.store, at);
      return outcome;
    });
    this.followUp.changed(before);
    return result;
  }

  /** Announces again the swarm's calls that no queue message is making (their jobs were lost). */
  private remindSwarmCalls(): void {
    const before = this.store.lastSeq();
    if (this.atomically(() => remindStaleCalls(this.store, new Date().toISOString())) > 0) this.followUp.changed(before);
  }

  /** Fires what is due, in its own transaction (its events stand whatever the next command does). */
  private fireTimers(): TimerKind[] {
    const task = this.store.task();
    const now = new Date();
    // Checked first: most commands find nothing due, and need no transaction for it.
    if (!task || dueTimer(task, now.getTime()) === null) return [];
    const before = this.store.lastSeq();
    const fired = this.atomically(() => fireDueTimers(this.store, now));
    if (fired.length > 0) this.followUp.changed(before);
    return fired;
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

  private taskId(): number {
    const id = Number(this.ctx.id.name);
    if (!Number.isSafeInteger(id) || id < 1) throw new Error(`TaskRoom must be addressed by task id, got ${this.ctx.id.name}`);
    return id;
  }
}
