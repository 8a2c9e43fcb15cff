/** Reads of the claims projection: a task's bids, an agent's bids, and facts for next_actions. */
import { and, count, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import type { ClaimStatus } from "../domain/task";
import type { Database } from "./client";
import { claims, tasks } from "./schema";

export function claimsOfAgent(db: Database, agentId: number, status: ClaimStatus | undefined, beforeId: number | null, limit: number) {
  const conditions: (SQL | undefined)[] = [
    eq(claims.agentId, agentId),
    status === undefined ? undefined : eq(claims.status, status),
    beforeId === null ? undefined : lt(claims.id, beforeId),
  ];
  return db
    .select({ claim: claims, taskTitle: tasks.title, taskStatus: tasks.status })
    .from(claims)
    .innerJoin(tasks, eq(tasks.id, claims.taskId))
    .where(and(...conditions))
    .orderBy(desc(claims.id))
    .limit(limit + 1);
}

export async function hasClaimed(db: Database, taskId: number, agentIds: number[]): Promise<boolean> {
  if (agentIds.length === 0) return false;
  const [row] = await db
    .select({ n: count() })
    .from(claims)
    .where(and(eq(claims.taskId, taskId), inArray(claims.agentId, agentIds)));
  return (row?.n ?? 0) > 0;
}
