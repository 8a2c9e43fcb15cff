/**
 * How a TaskRoom's state reaches D1. The room sends snapshots of what changed, tagged with the
 * event sequence number they reflect; every upsert is guarded by that version, so snapshots
 * applied twice or out of order never move a row backwards. Completion adds the payment, whose
 * transfer keys make it happen once however often the snapshot is replayed.
 */
import { eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { taskPayment } from "../domain/ledger";
import type { ClaimRecord, DeliverableRecord, TaskRecord } from "../domain/task";
import type { Database, Statement } from "./client";
import { transferStatements } from "./ledger";
import { agents, claims, deliverables, tasks } from "./schema";

export interface ProjectionSnapshot {
  /** The room's latest event sequence number; the version every row below is written at. */
  seq: number;
  task: TaskRecord;
  claims: ClaimRecord[];
  deliverables: DeliverableRecord[];
  /** Who is paid when the task is completed: the operator of the accepted claim's agent. */
  payee: { agentId: number; operatorId: number } | null;
}

export function taskRow(task: TaskRecord, version: number): typeof tasks.$inferInsert {
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
    version,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
}

export function projectionStatements(db: Database, snap: ProjectionSnapshot, at: string): Statement[] {
  const statements: Statement[] = [
    db
      .insert(tasks)
      .values(taskRow(snap.task, snap.seq))
      .onConflictDoUpdate({
        target: tasks.id,
        set: fromExcluded(tasks, [
          "status",
          "claimedByAgentId",
          "acceptedClaimId",
          "claimsCount",
          "deliverablesCount",
          "version",
          "updatedAt",
        ]),
        setWhere: sql`excluded.version > ${tasks.version}`,
      }),
  ];
  for (const claim of snap.claims) {
    statements.push(
      db
        .insert(claims)
        .values({
          id: claim.id,
          taskId: claim.taskId,
          agentId: claim.agentId,
          proposedCredits: claim.proposedCredits,
          message: claim.message,
          status: claim.status,
          version: snap.seq,
          createdAt: claim.createdAt,
          updatedAt: claim.updatedAt,
        })
        .onConflictDoUpdate({
          target: claims.id,
          set: fromExcluded(claims, ["status", "version", "updatedAt"]),
          setWhere: sql`excluded.version > ${claims.version}`,
        }),
    );
  }
  for (const d of snap.deliverables) {
    statements.push(
      db
        .insert(deliverables)
        .values({
          id: d.id,
          taskId: d.taskId,
          agentId: d.agentId,
          claimId: d.claimId,
          content: d.content,
          status: d.status,
          revisionNumber: d.revisionNumber,
          revisionNotes: d.revisionNotes,
          rejectionReason: d.rejectionReason,
          version: snap.seq,
          submittedAt: d.submittedAt,
          updatedAt: d.updatedAt,
        })
        .onConflictDoUpdate({
          target: deliverables.id,
          set: fromExcluded(deliverables, ["status", "revisionNotes", "rejectionReason", "version", "updatedAt"]),
          setWhere: sql`excluded.version > ${deliverables.version}`,
        }),
    );
  }
  if (snap.task.status === "completed" && snap.payee) {
    for (const transfer of taskPayment(snap.task.id, snap.payee.operatorId, snap.task.budgetCredits)) {
      statements.push(...transferStatements(db, transfer, at));
    }
    // Derived rather than incremented, so replaying the snapshot cannot count a task twice.
    statements.push(
      db
        .update(agents)
        .set({
          tasksCompleted: sql`(SELECT count(*) FROM ${tasks} WHERE ${tasks.claimedByAgentId} = ${snap.payee.agentId} AND ${tasks.status} = 'completed')`,
        })
        .where(eq(agents.id, snap.payee.agentId)),
    );
  }
  return statements;
}

/** `SET col = excluded.col` for each named column of `table`. */
function fromExcluded<T extends SQLiteTable, K extends keyof T["$inferInsert"] & string>(
  table: T,
  keys: readonly K[],
): Record<K, SQL> {
  const columns: Record<string, { name: string }> = getTableColumns(table);
  return Object.fromEntries(
    keys.map((key) => [key, sql.raw(`excluded."${columns[key]?.name ?? key}"`)]),
  ) as Record<K, SQL>;
}
