/**
 * What follows a room's changes once it has answered: its live listeners hear the new events
 * (live/hub.ts), and its outbox hands them to the events queue with the snapshot that brings D1
 * up to them (outbox.ts). The one alarm guards the hand-off: armed in the same step as the
 * change, so a crash before the hand-off still retries it, and kept at the task's next timer once
 * the queue has everything.
 */
import type { TaskEvent } from "../../contracts/events";
import { database } from "../../db/client";
import { projectionFacts } from "../../db/projection";
import { nextDueAt } from "../../domain/timers";
import type { TaskSight } from "../../domain/visibility";
import type { LiveHub } from "../live/hub";
import { RoomAlarm } from "./alarm";
import { LogFollower } from "./log-follower";
import { outboxStep, project } from "./outbox";
import type { RoomStore } from "./store";

export type Settlement = { settled: true; reprojected: boolean } | { settled: false; error: string };

export class RoomFollowUp {
  private readonly outbox: LogFollower;
  private readonly alarmClock: RoomAlarm;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly store: RoomStore,
    private readonly live: LiveHub<TaskEvent, TaskSight>,
    private readonly taskId: () => number,
  ) {
    this.outbox = new LogFollower(store, "outbox", outboxStep(env, store, taskId));
    this.alarmClock = new RoomAlarm(
      ctx.storage,
      () => {
        const task = store.task();
        return task ? nextDueAt(task) : null;
      },
      (error) => this.logFailure(error),
    );
  }

  /** Called in the step of a change: the listeners and the queue hear of its events after the answer. */
  changed(seqBefore: number): void {
    if (this.store.lastSeq() > seqBefore) {
      this.live.published();
      this.alarmClock.retrySoon();
      this.ctx.waitUntil(this.handOff());
    }
    // A change without events (a heartbeat) may still move a timer.
    this.alarmClock.arm();
  }

  /** The alarm fired: the room fires its due timers (`fireDue`), then what the queue has not taken is retried and the next alarm set. */
  async alarmFired(fireDue: () => void): Promise<void> {
    this.alarmClock.fired();
    fireDue();
    try {
      await this.outbox.catchUp();
    } catch (error) {
      this.logFailure(error);
      this.alarmClock.retryLater();
    }
    this.alarmClock.arm();
  }

  /** Sets the alarm again whatever this instance believes it holds (the reconciler's repair). */
  rearm(): void {
    this.alarmClock.forget();
    this.alarmClock.arm();
  }

  /**
   * Waits until the events queue has taken every change so far and D1 shows them, for a client
   * that must read a list right after a write (and for the reconciler); says what stopped them
   * otherwise (the alarm and the queue keep trying).
   */
  async settle(): Promise<Settlement> {
    try {
      await this.outbox.catchUp();
      return { settled: true, reprojected: await this.projectIfBehind() };
    } catch (error) {
      return { settled: false, error: String(error) };
    }
  }

  logFailure(error: unknown): void {
    console.error(JSON.stringify({ at: "task-room.catch-up", task: this.taskId(), error: String(error) }));
  }

  /** Hands the new events and their snapshot to the events queue; what it does not take stays for the alarm. */
  private async handOff(): Promise<void> {
    try {
      await this.outbox.catchUp();
      // Checked synchronously with the re-arm: a later command's pending work keeps its retry.
      if (this.outbox.caughtUp()) {
        this.alarmClock.caughtUp();
        this.alarmClock.arm();
      }
    } catch (error) {
      this.logFailure(error);
    }
  }

  /**
   * Writes the whole task to D1 from the room when D1's row is behind it (its step still on the
   * queue, or dead-lettered), lost, or completed without its payment: version guards and transfer
   * keys make that harmless however often it happens.
   */
  private async projectIfBehind(): Promise<boolean> {
    const task = this.store.task();
    if (!task) return false;
    const facts = await projectionFacts(database(this.env.DB), task.id);
    const behind = facts === null || facts.version < this.store.lastSeq() || (task.status === "completed" && !facts.paid);
    if (behind) await project(this.env, this.store, 0);
    return behind;
  }
}
