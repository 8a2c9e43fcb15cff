/** Reading and marking the dead letters the queue consumers record (queues/dead-letters.ts writes them). */
import { and, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "./client";
import { deadLetters } from "./schema";

export type DeadLetterRow = typeof deadLetters.$inferSelect;

/** A page of dead letters, newest first, optionally of one queue (one extra row says whether more follow). */
export function deadLetterPage(db: Database, queue: string | undefined, beforeId: number | null, limit: number) {
  const conditions: (SQL | undefined)[] = [
    queue === undefined ? undefined : eq(deadLetters.queue, queue),
    beforeId === null ? undefined : lt(deadLetters.id, beforeId),
  ];
  return db
    .select()
    .from(deadLetters)
    .where(and(...conditions))
    .orderBy(desc(deadLetters.id))
    .limit(limit + 1);
}

export function deadLetterOf(db: Database, id: number): Promise<DeadLetterRow | undefined> {
  return db.select().from(deadLetters).where(eq(deadLetters.id, id)).get();
}

export async function markReplayed(db: Database, id: number, at: string): Promise<DeadLetterRow> {
  const [row] = await db
    .update(deadLetters)
    .set({ replayedAt: at, replays: sql`${deadLetters.replays} + 1` })
    .where(eq(deadLetters.id, id))
    .returning();
  if (!row) throw new Error(`dead letter ${id} vanished`);
  return row;
}
