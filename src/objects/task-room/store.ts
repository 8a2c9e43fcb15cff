/**
 * The TaskRoom's own SQLite storage: the authoritative task record, its claims and
 * deliverables, the append-only event log, and its parts (parts.ts). Every method is synchronous, so a command can
 * read, decide and write without ever yielding the input gate in between.
 */

import { z } from "zod";
import { type EventData, type EventType, type TaskEvent, TaskEventSchema } from "../../contracts/events";
import { type RoomPayment, RoomPaymentSchema } from "../../contracts/projection";
import { childId } from "../../domain/ids";
import type { Transfer } from "../../domain/ledger";
import {
  type ClaimRecord,
  type ClaimStatus,
  type DeliverableRecord,
  type DeliverableStatus,
  type TaskRecord,
  TaskRecordSchema,
} from "../../domain/task";
import { RoomParts } from "./parts";
import { type ClaimRow, type DeliverableRow, type EventRow, type Row, toClaim, toDeliverable } from "./rows";
import { migrate } from "./schema";

const AudienceSchema = z.array(z.number().int());

export class RoomStore {
  // Read once, then kept in step with every write this store makes.
  private cachedTask: TaskRecord | null | undefined;
  private seq: number | undefined;
  private readonly cursors = new Map<string, number>();
  private schemaReady: boolean;
  /** The task's parts (subtasks), in the same storage. */
  readonly parts: RoomParts;

  constructor(private readonly sql: SqlStorage) {
    this.parts = new RoomParts(sql, () => this.schemaReady);
    // A room asked about a task that does not exist must leave no storage behind, so the
    // schema is created only when a task is first saved.
    this.schemaReady = this.one(`SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`) !== null;
    if (this.schemaReady) migrate(sql, true);
  }

  task(): TaskRecord | null {
    if (this.cachedTask === undefined) {
      const row = this.schemaReady ? this.one(`SELECT record FROM task LIMIT 1`) : null;
      this.cachedTask = row ? TaskRecordSchema.parse(JSON.parse(String(row.record))) : null;
    }
    return this.cachedTask;
  }

  saveTask(task: TaskRecord): void {
    if (!this.schemaReady) {
      migrate(this.sql, false);
      this.schemaReady = true;
    }
    this.sql.exec(`INSERT OR REPLACE INTO task (id, record) VALUES (?, ?)`, task.id, JSON.stringify(task));
    this.cachedTask = task;
  }

  claim(id: number): ClaimRecord | null {
    return this.claims(`SELECT * FROM claims WHERE id = ?`, id)[0] ?? null;
  }

  pendingClaimOf(agentId: number): ClaimRecord | null {
    return this.claims(`SELECT * FROM claims WHERE agent_id = ? AND status = 'pending' LIMIT 1`, agentId)[0] ?? null;
  }

  /** The agent's most recent claim on the task, whatever its status. */
  latestClaimOf(agentId: number): ClaimRecord | null {
    return this.claims(`SELECT * FROM claims WHERE agent_id = ? ORDER BY id DESC LIMIT 1`, agentId)[0] ?? null;
  }

  /** Whether the claim was ever accepted (and so took its agent's slot): its log says so. */
  everAccepted(claimId: number): boolean {
    return (
      this.one(`SELECT 1 AS found FROM events WHERE type = 'claim.accepted' AND json_extract(data, '$.claim_id') = ? LIMIT 1`, claimId) !==
      null
    );
  }

  pendingClaims(): ClaimRecord[] {
    return this.claims(`SELECT * FROM claims WHERE status = 'pending' ORDER BY id`);
  }

  /** Records a new claim; its id is minted from the task's claim count. */
  addClaim(task: TaskRecord, fields: Omit<ClaimRecord, "id" | "taskId">, version: number): ClaimRecord {
    const claim: ClaimRecord = { id: childId(task.id, task.claimsCount + 1), taskId: task.id, ...fields };
    this.sql.exec(
      `INSERT INTO claims (id, agent_id, operator_id, proposed_credits, message, status, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      claim.id,
      claim.agentId,
      claim.operatorId,
      claim.proposedCredits,
      claim.message,
      claim.status,
      claim.createdAt,
      claim.updatedAt,
      version,
    );
    return claim;
  }

  setClaimStatus(id: number, status: ClaimStatus, at: string, version: number): void {
    this.sql.exec(`UPDATE claims SET status = ?, updated_at = ?, version = ? WHERE id = ?`, status, at, version, id);
  }

  deliverable(id: number): DeliverableRecord | null {
    return this.deliverables(`SELECT * FROM deliverables WHERE id = ?`, id)[0] ?? null;
  }

  /** Every claim on the task, newest first: what its readers page through. */
  allClaims(): ClaimRecord[] {
    return this.claims(`SELECT * FROM claims ORDER BY id DESC`);
  }

  /** Every submission, in submission order. */
  allDeliverables(): DeliverableRecord[] {
    return this.deliverables(`SELECT * FROM deliverables ORDER BY id`);
  }

  latestDeliverable(): DeliverableRecord | null {
    return this.deliverables(`SELECT * FROM deliverables ORDER BY id DESC LIMIT 1`)[0] ?? null;
  }

  /** Submissions made under one assignment (accepted claim). */
  submissionsOf(claimId: number | null): number {
    if (claimId === null) return 0;
    const row = this.one(`SELECT count(*) AS n FROM deliverables WHERE claim_id = ?`, claimId);
    return Number(row?.n ?? 0);
  }

  addDeliverable(task: TaskRecord, fields: Omit<DeliverableRecord, "id" | "taskId">, version: number): DeliverableRecord {
    const d: DeliverableRecord = { id: childId(task.id, task.deliverablesCount + 1), taskId: task.id, ...fields };
    this.sql.exec(
      `INSERT INTO deliverables (id, agent_id, claim_id, content, status, revision_number, revision_notes,
         rejection_reason, submitted_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      d.id,
      d.agentId,
      d.claimId,
      d.content,
      d.status,
      d.revisionNumber,
      d.revisionNotes,
      d.rejectionReason,
      d.submittedAt,
      d.updatedAt,
      version,
    );
    return d;
  }

  updateDeliverable(
    id: number,
    change: { status: DeliverableStatus; revisionNotes?: string; rejectionReason?: string },
    at: string,
    version: number,
  ): void {
    this.sql.exec(
      `UPDATE deliverables SET status = ?, revision_notes = COALESCE(?, revision_notes),
         rejection_reason = COALESCE(?, rejection_reason), updated_at = ?, version = ? WHERE id = ?`,
      change.status,
      change.revisionNotes ?? null,
      change.rejectionReason ?? null,
      at,
      version,
      id,
    );
  }

  /** Whose key was chosen to review a deliverable, if one was. */
  reviewKeySource(deliverableId: number): string | null {
    const row = this.one(`SELECT source FROM review_keys WHERE deliverable_id = ?`, deliverableId);
    return row ? String(row.source) : null;
  }

  recordReviewKeySource(deliverableId: number, source: string): void {
    this.sql.exec(`INSERT OR IGNORE INTO review_keys (deliverable_id, source) VALUES (?, ?)`, deliverableId, source);
  }

  /** The review result applied to a deliverable, if one was. */
  reviewResult(deliverableId: number): string | null {
    const row = this.one(`SELECT result FROM review_keys WHERE deliverable_id = ?`, deliverableId);
    return row?.result === null || row?.result === undefined ? null : String(row.result);
  }

  recordReviewResult(deliverableId: number, source: string, result: string): void {
    this.sql.exec(
      `INSERT INTO review_keys (deliverable_id, source, result) VALUES (?, ?, ?)
         ON CONFLICT (deliverable_id) DO UPDATE SET result = excluded.result`,
      deliverableId,
      source,
      result,
    );
  }

  lastSeq(): number {
    if (this.seq === undefined) {
      this.seq = this.schemaReady ? Number(this.one(`SELECT max(seq) AS seq FROM events`)?.seq ?? 0) : 0;
    }
    return this.seq;
  }

  /** Appends an event to the log; its id and sequence follow from the task and the log's end. */
  appendEvent<T extends EventType>(type: T, data: EventData<T>, at: string, audience: readonly number[]): void {
    const seq = this.lastSeq() + 1;
    this.sql.exec(
      `INSERT INTO events (seq, type, data, occurred_at, audience) VALUES (?, ?, ?, ?, ?)`,
      seq,
      type,
      JSON.stringify(data),
      at,
      JSON.stringify(audience),
    );
    this.seq = seq;
  }

  /** Events after `seq`, oldest first, each with the agents it is sent to. */
  eventsSince(taskId: number, seq: number, limit: number): { event: TaskEvent; audience: number[] }[] {
    if (!this.schemaReady) return [];
    return this.sql
      .exec<EventRow>(`SELECT seq, type, data, occurred_at, audience FROM events WHERE seq > ? ORDER BY seq LIMIT ?`, seq, limit)
      .toArray()
      .map((row) => ({
        event: TaskEventSchema.parse({
          id: childId(taskId, row.seq),
          seq: row.seq,
          type: row.type,
          task_id: taskId,
          occurred_at: row.occurred_at,
          data: JSON.parse(row.data),
        }),
        audience: AudienceSchema.parse(JSON.parse(row.audience)),
      }));
  }

  /** The last sequence number a follower of the log (the outbox, the live listeners) has fully handled. */
  cursor(name: string): number {
    let seq = this.cursors.get(name);
    if (seq === undefined) {
      seq = this.schemaReady ? Number(this.one(`SELECT seq FROM cursors WHERE name = ?`, name)?.seq ?? 0) : 0;
      this.cursors.set(name, seq);
    }
    return seq;
  }

  advanceCursor(name: string, seq: number): void {
    if (seq <= this.cursor(name)) return;
    this.sql.exec(`INSERT INTO cursors (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq`, name, seq);
    this.cursors.set(name, seq);
  }

  /** Forgets what is cached in memory, after a command's writes were rolled back. */
  reset(): void {
    this.cachedTask = undefined;
    this.seq = undefined;
    this.parts.reset();
    this.cursors.clear();
  }

  /** Records the transfers a command decided, for the projection to write as given. */
  recordPayment(version: number, agentId: number, transfers: readonly Transfer[]): void {
    this.sql.exec(`INSERT INTO payments (version, agent_id, transfers) VALUES (?, ?, ?)`, version, agentId, JSON.stringify(transfers));
  }

  /** Payments recorded by commands after `seq`, oldest first. */
  paymentsSince(seq: number): RoomPayment[] {
    if (!this.schemaReady) return [];
    return this.sql
      .exec<Row>(`SELECT agent_id, transfers FROM payments WHERE version > ? ORDER BY version`, seq)
      .toArray()
      .map((row) => ({
        agentId: Number(row.agent_id),
        transfers: RoomPaymentSchema.shape.transfers.parse(JSON.parse(String(row.transfers))),
      }));
  }

  claimsChangedSince(seq: number): ClaimRecord[] {
    return this.claims(`SELECT * FROM claims WHERE version > ? ORDER BY id`, seq);
  }

  deliverablesChangedSince(seq: number): DeliverableRecord[] {
    return this.deliverables(`SELECT * FROM deliverables WHERE version > ? ORDER BY id`, seq);
  }

  private claims(query: string, ...binds: SqlStorageValue[]): ClaimRecord[] {
    return this.sql
      .exec<ClaimRow>(query, ...binds)
      .toArray()
      .map((r) => toClaim(r, this.requireTask().id));
  }

  private deliverables(query: string, ...binds: SqlStorageValue[]): DeliverableRecord[] {
    return this.sql
      .exec<DeliverableRow>(query, ...binds)
      .toArray()
      .map((r) => toDeliverable(r, this.requireTask().id));
  }

  private one(query: string, ...binds: SqlStorageValue[]): Row | null {
    return this.sql.exec<Row>(query, ...binds).toArray()[0] ?? null;
  }

  private requireTask(): TaskRecord {
    const task = this.task();
    if (!task) throw new Error("TaskRoom has rows but no task record");
    return task;
  }
}
