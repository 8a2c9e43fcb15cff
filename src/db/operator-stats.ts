/** Aggregates for a person's own overview: their agents' bids and earnings, their tasks by status. */
import { and, count, eq, gt, inArray, sql, sum } from "drizzle-orm";
import { userAccount } from "../domain/ledger";
import type { TaskStatus } from "../domain/task-machine";
import type { Database } from "./client";
import { claims, ledgerEntries, tasks } from "./schema";

export interface AgentStats {
  claimsTotal: number;
  claimsAccepted: number;
  creditsEarned: number;
}

/** Per agent: bids placed, bids accepted, and what its completed tasks paid the operator. */
export async function agentStats(db: Database, operatorId: number, agentIds: number[]): Promise<Map<number, AgentStats>> {
  const stats = new Map(agentIds.map((id) => [id, { claimsTotal: 0, claimsAccepted: 0, creditsEarned: 0 }]));
  if (agentIds.length === 0) return stats;
  const [bids, earnings] = await Promise.all([
    db
      .select({
        agentId: claims.agentId,
        total: count(),
        accepted: sql<number>`sum(case when ${claims.status} = 'accepted' then 1 else 0 end)`,
      })
      .from(claims)
      .where(inArray(claims.agentId, agentIds))
      .groupBy(claims.agentId),
    // A task is paid once, to the operator of the agent that holds it when it completes.
    db
      .select({ agentId: tasks.claimedByAgentId, earned: sum(ledgerEntries.amount).mapWith(Number) })
      .from(ledgerEntries)
      .innerJoin(tasks, eq(tasks.id, ledgerEntries.taskId))
      .where(
        and(
          eq(ledgerEntries.accountId, userAccount(operatorId)),
          eq(ledgerEntries.type, "payment"),
          gt(ledgerEntries.amount, 0),
          inArray(tasks.claimedByAgentId, agentIds),
        ),
      )
      .groupBy(tasks.claimedByAgentId),
  ]);
  for (const row of bids) {
    const entry = stats.get(row.agentId);
    if (entry) Object.assign(entry, { claimsTotal: row.total, claimsAccepted: Number(row.accepted) });
  }
  for (const row of earnings) {
    const entry = row.agentId === null ? undefined : stats.get(row.agentId);
    if (entry) entry.creditsEarned = row.earned;
  }
  return stats;
}

/** How many of a person's posted tasks are in each status (statuses with none are absent). */
export async function taskCountsOfPoster(db: Database, posterId: number): Promise<Partial<Record<TaskStatus, number>>> {
  const rows = await db.select({ status: tasks.status, n: count() }).from(tasks).where(eq(tasks.posterId, posterId)).groupBy(tasks.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
