/**
 * An inbox's own SQLite storage: the last INBOX_CAPACITY events addressed to the agent, each
 * numbered with the inbox's sequence. Appending is synchronous and idempotent: an event already
 * held (same id and type) is skipped, so a redelivered queue message adds nothing.
 */

import { type InboxEvent, InboxEventSchema, type TaskEvent } from "../../contracts/events";
import { INBOX_CAPACITY, inboxEventOf } from "../../domain/inbox";

const SCHEMA = [
  `CREATE TABLE inbox (
    seq INTEGER PRIMARY KEY, event_id INTEGER NOT NULL, type TEXT NOT NULL, task_id INTEGER NOT NULL,
    task_seq INTEGER NOT NULL, occurred_at TEXT NOT NULL, data TEXT NOT NULL)`,
  `CREATE UNIQUE INDEX inbox_event ON inbox (event_id, type)`,
];
/** How far the last finished publishing pass went (live/hub.ts); made with the first mark, also in inboxes older than it. */
const MARK_TABLE = `CREATE TABLE live_published (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)`;

type Row = Record<string, SqlStorageValue>;

interface InboxRow extends Row {
  seq: number;
  event_id: number;
  type: string;
  task_id: number;
  task_seq: number;
  occurred_at: string;
  data: string;
}

export class InboxStore {
  private seq: number | undefined;
  private schemaReady: boolean;
  private published: number | undefined;
  private markTable = false;

  constructor(private readonly sql: SqlStorage) {
    // An agent that only ever listens leaves no storage behind; the table is created on first delivery.
    this.schemaReady = hasSchema(sql);
  }

  publishedThrough(): number {
    if (this.published === undefined) {
      this.markTable = this.sql.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'live_published'`).toArray().length > 0;
      this.published = this.markTable ? Number(this.sql.exec<Row>(`SELECT seq FROM live_published`).toArray()[0]?.seq ?? 0) : 0;
    }
    return this.published;
  }

  markPublished(seq: number): void {
    if (seq <= this.publishedThrough()) return;
    if (!this.markTable) this.sql.exec(MARK_TABLE);
    this.markTable = true;
    this.sql.exec(`INSERT INTO live_published (id, seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq`, seq);
    this.published = seq;
  }

  lastSeq(): number {
    if (this.seq === undefined) {
      this.seq = this.schemaReady ? Number(this.sql.exec<Row>(`SELECT max(seq) AS seq FROM inbox`).one().seq ?? 0) : 0;
    }
    return this.seq;
  }

  /** Appends the events not yet held, in the order given, and drops the oldest beyond capacity; returns the new ones. */
  append(events: readonly TaskEvent[]): InboxEvent[] {
    if (!this.schemaReady) {
      for (const statement of SCHEMA) this.sql.exec(statement);
      this.schemaReady = true;
    }
    const added: InboxEvent[] = [];
    for (const event of events) {
      if (this.holds(event)) continue;
      const entry = inboxEventOf(event, this.lastSeq() + 1);
      this.sql.exec(
        `INSERT INTO inbox (seq, event_id, type, task_id, task_seq, occurred_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        entry.seq,
        entry.id,
        entry.type,
        entry.task_id,
        entry.task_seq,
        entry.occurred_at,
        JSON.stringify(entry.data),
      );
      this.seq = entry.seq;
      added.push(entry);
    }
    if (added.length > 0) this.sql.exec(`DELETE FROM inbox WHERE seq <= ?`, this.lastSeq() - INBOX_CAPACITY);
    return added;
  }

  /** Events after `seq`, oldest first. */
  eventsSince(seq: number, limit: number): InboxEvent[] {
    if (!this.schemaReady) return [];
    return this.sql
      .exec<InboxRow>(`SELECT * FROM inbox WHERE seq > ? ORDER BY seq LIMIT ?`, seq, limit)
      .toArray()
      .map((row) =>
        InboxEventSchema.parse({
          id: row.event_id,
          seq: row.seq,
          type: row.type,
          task_id: row.task_id,
          task_seq: row.task_seq,
          occurred_at: row.occurred_at,
          data: JSON.parse(row.data),
        }),
      );
  }

  /** Forgets the cached sequence, after an append's writes were rolled back. */
  reset(): void {
    this.seq = undefined;
    this.schemaReady = hasSchema(this.sql);
  }

  private holds(event: TaskEvent): boolean {
    return this.sql.exec(`SELECT 1 FROM inbox WHERE event_id = ? AND type = ?`, event.id, event.type).toArray().length > 0;
  }
}

function hasSchema(sql: SqlStorage): boolean {
  return sql.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'inbox'`).toArray().length > 0;
}
