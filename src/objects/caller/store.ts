/**
 * A Caller's own storage: its rate-limit window, its idempotency records, and for an agent the
 * tasks it holds (domain/assignments.ts). Synchronous, so an admission reads and writes them
 * without yielding between the two.
 */
import type { IdempotencyRecord, RequestFingerprint, StoredResponse } from "../../domain/idempotency";
import { type RateWindow, resumeWindow, type StoredWindow } from "../../domain/rate-limit";

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY, state TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,
    body_hash TEXT NOT NULL, started_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
    status INTEGER, body TEXT, content_type TEXT)`,
  `CREATE INDEX IF NOT EXISTS idempotency_expiry ON idempotency (expires_at)`,
];

const WINDOW_KEY = "rate-window";
const SLOTS_KEY = "assignment-slots";

interface IdempotencyRow extends Record<string, SqlStorageValue> {
  key: string;
  state: string;
  method: string;
  path: string;
  body_hash: string;
  started_at: number;
  expires_at: number;
  status: number | null;
  body: string | null;
  content_type: string | null;
}

export class CallerStore {
  private schemaReady = false;
  /** The live window; storage holds only its reservation (see domain/rate-limit.ts). */
  private window: RateWindow | null | undefined;
  private heldSlots: Map<number, number> | undefined;

  constructor(private readonly storage: DurableObjectStorage) {}

  rateWindow(): RateWindow | null {
    if (this.window === undefined) this.window = resumeWindow(this.storage.kv.get<StoredWindow>(WINDOW_KEY) ?? null);
    return this.window;
  }

  /** The tasks an agent holds (task id → claim id): a few dozen at most, kept as one value. */
  slots(): Map<number, number> {
    this.heldSlots ??= new Map(this.storage.kv.get<[number, number][]>(SLOTS_KEY) ?? []);
    return this.heldSlots;
  }

  saveSlots(slots: Map<number, number>): void {
    this.heldSlots = slots;
    this.storage.kv.put(SLOTS_KEY, [...slots]);
  }

  /** Keeps the window; writes storage only when the reservation grew. */
  saveRateWindow(window: RateWindow, persist: boolean): void {
    this.window = window;
    if (persist) this.storage.kv.put(WINDOW_KEY, { start: window.start, reserved: window.reserved } satisfies StoredWindow);
  }

  idempotency(key: string): IdempotencyRecord | null {
    this.ensureSchema();
    const row = this.storage.sql.exec<IdempotencyRow>(`SELECT * FROM idempotency WHERE key = ?`, key).toArray()[0];
    if (!row) return null;
    const fingerprint: RequestFingerprint = { method: row.method, path: row.path, bodyHash: row.body_hash };
    const common = { fingerprint, startedAt: row.started_at, expiresAt: row.expires_at };
    if (row.state === "done" && row.status !== null) {
      return { ...common, state: "done", response: { status: row.status, body: row.body ?? "", contentType: row.content_type ?? "" } };
    }
    return { ...common, state: "in_flight" };
  }

  startIdempotency(key: string, fingerprint: RequestFingerprint, now: number, expiresAt: number): void {
    this.ensureSchema();
    this.storage.sql.exec(
      `INSERT OR REPLACE INTO idempotency (key, state, method, path, body_hash, started_at, expires_at)
       VALUES (?, 'in_flight', ?, ?, ?, ?, ?)`,
      key,
      fingerprint.method,
      fingerprint.path,
      fingerprint.bodyHash,
      now,
      expiresAt,
    );
  }

  finishIdempotency(key: string, response: StoredResponse): void {
    this.ensureSchema();
    this.storage.sql.exec(
      `UPDATE idempotency SET state = 'done', status = ?, body = ?, content_type = ? WHERE key = ? AND state = 'in_flight'`,
      response.status,
      response.body,
      response.contentType,
      key,
    );
  }

  /** Forgets a key whose request failed, so a retry runs afresh. */
  dropIdempotency(key: string): void {
    this.ensureSchema();
    this.storage.sql.exec(`DELETE FROM idempotency WHERE key = ? AND state = 'in_flight'`, key);
  }

  purgeExpired(now: number): void {
    this.ensureSchema();
    this.storage.sql.exec(`DELETE FROM idempotency WHERE expires_at <= ?`, now);
  }

  nextExpiry(): number | null {
    this.ensureSchema();
    const row = this.storage.sql.exec<{ at: number | null }>(`SELECT min(expires_at) AS at FROM idempotency`).toArray()[0];
    return row?.at ?? null;
  }

  private ensureSchema(): void {
    if (this.schemaReady) return;
    for (const statement of SCHEMA) this.storage.sql.exec(statement);
    this.schemaReady = true;
  }
}
