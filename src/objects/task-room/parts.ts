/**
 * A TaskRoom's parts (domain/subtasks.ts): each subtask posted under the task, with its reserved
 * budget, how it ended, and the record its room is created from (by the outbox, until marked
 * created). Part of the room's storage (store.ts), in the same transactions as its commands.
 */
import { DELEGATION_STATES, type Delegation } from "../../domain/subtasks";
import { type TaskRecord, TaskRecordSchema } from "../../domain/task";
import { oneOf, type Row } from "./rows";

export class RoomParts {
  /** How many parts still need a room: most rooms have none, so it is asked once per instance, then kept in step. */
  private toCreate: number | undefined;

  constructor(
    private readonly sql: SqlStorage,
    /** Whether the room's schema exists yet (a room with no task has no tables). */
    private readonly ready: () => boolean,
  ) {}

  /** The task's parts, oldest first. */
  all(): Delegation[] {
    if (!this.ready()) return [];
    return this.sql
      .exec<Row>(`SELECT child_id, budget, state, posted_at FROM delegations ORDER BY child_id`)
      .toArray()
      .map((row) => ({
        childId: Number(row.child_id),
        budgetCredits: Number(row.budget),
        state: oneOf(DELEGATION_STATES, String(row.state)),
        postedAt: Number(row.posted_at),
      }));
  }

  /** Reserves a part's budget, with the record its room is created from. */
  add(child: TaskRecord, version: number): void {
    this.sql.exec(
      `INSERT INTO delegations (child_id, budget, state, record, posted_at, version) VALUES (?, ?, 'open', ?, ?, ?)`,
      child.id,
      child.budgetCredits,
      JSON.stringify(child),
      version,
      version,
    );
    this.toCreate = undefined;
  }

  settle(childId: number, state: Delegation["state"], version: number): void {
    this.sql.exec(`UPDATE delegations SET state = ?, version = ? WHERE child_id = ?`, state, version, childId);
  }

  /** Parts whose rooms the outbox has yet to create. */
  uncreated(): TaskRecord[] {
    this.toCreate ??= this.ready() ? Number(this.sql.exec<Row>(`SELECT count(*) AS n FROM delegations WHERE created = 0`).one().n ?? 0) : 0;
    if (this.toCreate === 0) return [];
    return this.sql
      .exec<Row>(`SELECT record FROM delegations WHERE created = 0 ORDER BY child_id`)
      .toArray()
      .map((row) => TaskRecordSchema.parse(JSON.parse(String(row.record))));
  }

  markCreated(childId: number): void {
    this.sql.exec(`UPDATE delegations SET created = 1 WHERE child_id = ?`, childId);
    this.toCreate = undefined;
  }

  /** Forgets the cached count, after a command's writes were rolled back. */
  reset(): void {
    this.toCreate = undefined;
  }
}
