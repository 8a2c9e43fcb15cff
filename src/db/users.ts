/**
 * People: registration (user, account and welcome bonus in one batch, so nobody exists without
 * their 500 credits) and lookups.
 */
import { eq } from "drizzle-orm";
import { authErrors } from "../domain/error-catalogue";
import { welcomeBonus } from "../domain/ledger";
import { type Database, runBatch } from "./client";
import { nextId, openUserAccount, transferStatements } from "./ledger";
import { accounts, users } from "./schema";

export interface NewUser {
  email: string;
  name: string;
  password: { hash: string; salt: string; iterations: number };
}

export async function registerUser(db: Database, input: NewUser, at: string): Promise<number> {
  const id = await nextId(db, "users");
  try {
    await runBatch(db, [
      db.insert(users).values({
        id,
        email: input.email,
        name: input.name,
        passwordHash: input.password.hash,
        passwordSalt: input.password.salt,
        passwordIterations: input.password.iterations,
        createdAt: at,
        updatedAt: at,
      }),
      openUserAccount(db, id),
      ...transferStatements(db, welcomeBonus(id), at),
    ]);
  } catch (error) {
    if (String(error).includes("UNIQUE constraint failed: users.email")) throw authErrors.emailTaken(input.email);
    throw error;
  }
  return id;
}

export function userByEmail(db: Database, email: string) {
  return db.select().from(users).where(eq(users.email, email)).get();
}

/** A person with their credit balance. */
export function userWithBalance(db: Database, id: number) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt, creditBalance: accounts.balance })
    .from(users)
    .innerJoin(accounts, eq(accounts.userId, users.id))
    .where(eq(users.id, id))
    .get();
}

/** A person's sign-in email, or null when there is no such person. */
export async function emailOf(db: Database, id: number): Promise<string | null> {
  const row = await db.select({ email: users.email }).from(users).where(eq(users.id, id)).get();
  return row?.email ?? null;
}
