/**
 * A TaskRoom's one alarm, kept at the earliest of its task's next timer (domain/timers.ts) and
 * the outbox's retry while D1 or the events queue has not taken everything. It remembers what it
 * last set, so a command that moves nothing writes nothing.
 */

/** How long to wait before retrying what D1 or the events queue did not take. */
const RETRY_MS = 2_000;

export class RoomAlarm {
  /** When the outbox is next retried; null while it has taken everything. */
  private retryAt: number | null = null;
  /** The alarm time last set (null: cleared); undefined until one is set after waking. */
  private armedAt: number | null | undefined;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly nextTimer: () => number | null,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** A change awaits the outbox: armed in the same step as the change, so a crash before the catch-up still retries it. */
  retrySoon(): void {
    this.retryAt ??= Date.now() + RETRY_MS;
  }

  /** The outbox failed: try again shortly, however long D1 stays away. */
  retryLater(): void {
    this.retryAt = Date.now() + RETRY_MS;
  }

  /** The outbox has taken everything. */
  caughtUp(): void {
    this.retryAt = null;
  }

  /** The alarm fired, and with it is gone. */
  fired(): void {
    this.armedAt = null;
    this.retryAt = null;
  }

  /** Sets the alarm again whatever this instance believes it holds (the reconciler's repair). */
  forget(): void {
    this.armedAt = undefined;
  }

  /** Keeps the alarm at the earliest of the next timer and the retry, or clears it. */
  arm(): void {
    const due = this.nextTimer();
    const wanted = due === null ? this.retryAt : this.retryAt === null ? due : Math.min(due, this.retryAt);
    if (wanted === this.armedAt) return;
    this.armedAt = wanted;
    const set = wanted === null ? this.storage.deleteAlarm() : this.storage.setAlarm(Math.max(wanted, Date.now() + 1));
    set.catch((error: unknown) => {
      this.armedAt = undefined;
      this.onError(error);
    });
  }
}
