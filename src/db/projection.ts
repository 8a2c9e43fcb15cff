/**
 * How a TaskRoom's state reaches D1. The room sends snapshots of what changed, tagged with the
 * event sequence number they reflect; every upsert is guarded by that version, so snapshots
 * applied twice or out of order never move a row backwards. Payments arrive as the transfers the
 * room's command decided, written as given (this module never decides who is paid); their
 * transfer keys make each happen once however often the snapshot is replayed. The upserts run on
 * every command, so they are compiled once (see compiled.ts).
 */
import { eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { ProjectionSnapshot } from "../contracts/projection";
import type { ClaimRecord, DeliverableRecord, TaskRecord } from "../domain/task";
import { type Database, database } from "./client";
import { asD1Statement, compiledOnce } from "./compiled";
import { transferStatements } from "./ledger";
import { agents, claims, deliverables, tasks } from "./schema";

/** Every column of a row, none optional: what a compiled upsert binds. */
type FullRow<T extends SQLiteTable> = { [K in keyof T["$inferInsert"]]-?: T["$inferInsert"][K] };

function taskRow(task: TaskRecord, version: number): FullRow<typeof tasks> {
  return {
    id: task.id,
    posterId: task.posterId,
    title: task.title,
    description: task.description,
    requirements: task.requirements,
    budgetCredits: task.budgetCredits,
    categoryId: task.categoryId,
    status: task.status,
    claimedByAgentId: task.claimedByAgentId,
    acceptedClaimId: task.acceptedClaimId,
    deadline: task.deadline,
    maxRevisions: task.maxRevisions,
    autoReviewEnabled: task.autoReviewEnabled,
    claimsCount: task.claimsCount,
    deliverablesCount: task.deliverablesCount,
    priority: task.priority,
    parentTaskId: task.parentTaskId,
    depth: task.depth,
    leaseSeconds: task.leaseSeconds,
    autoAcceptSeconds: task.autoAcceptSeconds,
    leaseExpiresAt: task.leaseExpiresAt,
    autoAcceptAt: task.autoAcceptAt,
    late: task.late,
    version,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
}

function claimRow(claim: ClaimRecord, version: number): FullRow<typeof claims> {
  return {
    id: claim.id,
    taskId: claim.taskId,
    agentId: claim.agentId,
    proposedCredits: claim.proposedCredits,
    message: claim.message,
    status: claim.status,
    version,
    createdAt: claim.createdAt,
    updatedAt: claim.updatedAt,
  };
}

function deliverableRow(d: DeliverableRecord, version: number): FullRow<typeof deliverables> {
  return {
    id: d.id,
    taskId: d.taskId,
    agentId: d.agentId,
    claimId: d.claimId,
    content: d.content,
    status: d.status,
    revisionNumber: d.revisionNumber,
    revisionNotes: d.revisionNotes,
    rejectionReason: d.rejectionReason,
    version,
    submittedAt: d.submittedAt,
    updatedAt: d.updatedAt,
  };
}

/** A placeholder named for every column: the row a compiled insert binds. */
function placeholders<T extends SQLiteTable>(table: T): T["$inferInsert"] {
  // Complete by construction (one placeholder per column), which the types cannot see.
  return Object.fromEntries(Object.keys(getTableColumns(table)).map((key) => [key, sql.placeholder(key)])) as T["$inferInsert"];
}

/** `SET col = excluded.col` for the columns an upsert may change. */
function fromExcluded<T extends SQLiteTable>(table: T, keys: readonly (keyof T["$inferInsert"] & string)[]): Record<string, SQL> {
  const columns: Record<string, { name: string }> = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, sql.raw(`excluded."${columns[key]?.name ?? key}"`)]));
}

type Columns<T extends SQLiteTable> = keyof T["$inferInsert"] & string;

// Each upsert moves a row forward only: `excluded.version > version`.
const upsertTask = compiledOnce<Columns<typeof tasks>>((db) =>
  db
    .insert(tasks)
    .values(placeholders(tasks))
    .onConflictDoUpdate({
      target: tasks.id,
      set: fromExcluded(tasks, [
        "status",
        "claimedByAgentId",
        "acceptedClaimId",
        "claimsCount",
        "deliverablesCount",
        "leaseExpiresAt",
        "autoAcceptAt",
        "late",
        "version",
        "updatedAt",
      ]),
      setWhere: sql`excluded.version > ${tasks.version}`,
    })
    .toSQL(),
);
const upsertClaim = compiledOnce<Columns<typeof claims>>((db) =>
  db
    .insert(claims)
    .values(placeholders(claims))
    .onConflictDoUpdate({
      target: claims.id,
      set: fromExcluded(claims, ["status", "version", "updatedAt"]),
      setWhere: sql`excluded.version > ${claims.version}`,
    })
    .toSQL(),
);
const upsertDeliverable = compiledOnce<Columns<typeof deliverables>>((db) =>
  db
    .insert(deliverables)
    .values(placeholders(deliverables))
    .onConflictDoUpdate({
      target: deliverables.id,
      set: fromExcluded(deliverables, ["status", "revisionNotes", "rejectionReason", "version", "updatedAt"]),
      setWhere: sql`excluded.version > ${deliverables.version}`,
    })
    .toSQL(),
);

/**
 * Brings D1 up to every snapshot in one batch, so one transaction: all of them land or none do
 * (the events consumer then tries each on its own, so one D1 refuses holds up no other).
 */
export async function writeProjections(d1: D1Database, snapshots: readonly ProjectionSnapshot[], at: string): Promise<void> {
  const db = database(d1);
  const statements = snapshots.flatMap((snap) => projectionStatements(d1, db, snap, at));
  if (statements.length > 0) await d1.batch(statements);
}

/** The D1 statements that bring the projection up to `snap`, for one `D1Database.batch`. */
export function projectionStatements(d1: D1Database, db: Database, snap: ProjectionSnapshot, at: string): D1PreparedStatement[] {
  const statements = [upsertTask(db).bind(d1, taskRow(snap.task, snap.seq))];
  for (const claim of snap.claims) {
    statements.push(upsertClaim(db).bind(d1, claimRow(claim, snap.seq)));
    if (claim.status === "expired") statements.push(asD1Statement(d1, recountExpiries(db, claim.agentId)));
  }
  for (const d of snap.deliverables) statements.push(upsertDeliverable(db).bind(d1, deliverableRow(d, snap.seq)));
  for (const payment of snap.payments) {
    for (const transfer of payment.transfers) {
      for (const leg of transferStatements(db, transfer, at)) statements.push(asD1Statement(d1, leg));
    }
    // Derived rather than incremented, so replaying the snapshot cannot count a task twice.
    const recount = db
      .update(agents)
      .set({
        tasksCompleted: sql`(SELECT count(*) FROM ${tasks} WHERE ${tasks.claimedByAgentId} = ${payment.agentId} AND ${tasks.status} = 'completed')`,
      })
      .where(eq(agents.id, payment.agentId));
    statements.push(asD1Statement(d1, recount));
  }
  return statements;
}

/** An agent's expired leases, derived rather than incremented so a replayed snapshot counts each once. */
function recountExpiries(db: Database, agentId: number) {
  return db
    .update(agents)
    .set({ leaseExpiries: sql`(SELECT count(*) FROM ${claims} WHERE ${claims.agentId} = ${agentId} AND ${claims.status} = 'expired')` })
    .where(eq(agents.id, agentId));
}

/** What the reconciler compares with a room: the version D1's row reflects, and whether its payment was written. */
export async function projectionFacts(db: Database, taskId: number): Promise<{ version: number; paid: boolean } | null> {
  const row = await db
    .select({
      version: tasks.version,
      paid: sql<number>`EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transfer_key = 'task:' || ${tasks.id} || ':payment')`,
    })
    .from(tasks)
    .where(eq(tasks.id, taskId))
    .get();
  return row ? { version: row.version, paid: row.paid === 1 } : null;
}
