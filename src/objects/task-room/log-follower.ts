/**
 * A consumer of a room's event log that must see every event at least once: the room's outbox
 * (its steps to the events queue, which carry the D1 projection). It keeps a cursor (the last sequence number it
 * has fully handled) in the room's storage and catches up on demand, one run at a time; a failed
 * run leaves the cursor where it was, so the room's alarm simply calls it again.
 */
import type { RoomStore } from "./store";

/** Handles the events after `from`, up to at most `to`; returns the last sequence handled. */
export type CatchUpStep = (from: number, to: number) => Promise<number>;

export class LogFollower {
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: RoomStore,
    private readonly name: string,
    private readonly step: CatchUpStep,
  ) {}

  caughtUp(): boolean {
    return this.store.cursor(this.name) >= this.store.lastSeq();
  }

  /** Runs steps until the cursor reaches the log's end; concurrent callers share a run. */
  async catchUp(): Promise<void> {
    while (!this.caughtUp()) {
      this.running ??= this.runOnce().finally(() => {
        this.running = null;
      });
      await this.running;
    }
  }

  private async runOnce(): Promise<void> {
    const from = this.store.cursor(this.name);
    const handled = await this.step(from, this.store.lastSeq());
    this.store.advanceCursor(this.name, handled);
  }
}
