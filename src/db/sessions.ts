/**
 * People's sessions in D1: only each token's SHA-256 is stored, so a database leak does not leak
 * sessions. Created at sign-in, deleted at sign-out, read when a cookie is presented.
 */
import { and, eq, gt } from "drizzle-orm";
import type { Database } from "./client";
import { sessions } from "./schema";

export async function createSession(
  db: Database,
  session: { id: string; userId: number; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.insert(sessions).values(session);
}

export async function deleteSession(db: Database, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** The person a session hash belongs to, whatever its expiry (the Caller object judges that). */
export async function userIdOfSession(db: Database, id: string): Promise<number | null> {
  const row = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, id)).get();
  return row?.userId ?? null;
}

/** When `userId`'s session `id` expires, if it exists and is still valid at `now` (ISO). */
export async function sessionExpiresAt(db: Database, id: string, userId: number, now: string): Promise<string | null> {
  const row = await db
    .select({ expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .get();
  return row?.expiresAt ?? null;
}

/** The person whose session `id` is still valid at `now` (ISO), if any. */
export async function liveSessionOwner(db: Database, id: string, now: string): Promise<number | null> {
  const row = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
    .get();
  return row?.userId ?? null;
}
