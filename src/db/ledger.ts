/**
 * Ledger writes and reads in D1. A transfer becomes two entry inserts whose `balance_after`
 * is computed in SQL from the live balance; triggers apply them to `accounts` and refuse any
 * overdraft, update or delete. A replayed transfer key inserts nothing, so retries are safe.
 */
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { legsOf, type Transfer, userAccount } from "../domain/ledger";
import type { Database, Statement } from "./client";
import { accounts, idSequences, ledgerEntries } from "./schema";

/** Statements that apply `transfer`; run them inside a batch with whatever they pay for. */
export function transferStatements(db: Database, transfer: Transfer, at: string) {
  return legsOf(transfer).map((leg) =>
    db
      .insert(ledgerEntries)
      .values({
        transferKey: leg.transferKey,
        accountId: leg.account,
        counterpartyId: leg.counterparty,
        amount: leg.amount,
        balanceAfter: sql`(SELECT ${accounts.balance} FROM ${accounts} WHERE ${accounts.id} = ${leg.account}) + ${leg.amount}`,
        type: leg.type,
        taskId: leg.taskId,
        description: leg.description,
        createdAt: at,
      })
      .onConflictDoNothing({ target: [ledgerEntries.transferKey, ledgerEntries.accountId] }),
  );
}

/** The statement that opens a person's account; it must precede any transfer to it. */
export function openUserAccount(db: Database, userId: number): Statement {
  return db.insert(accounts).values({ id: userAccount(userId), userId, balance: 0, isSystem: false });
}

/** Allocates the next id of `name` ahead of the batch that uses it. */
export async function nextId(db: Database, name: "users" | "agents" | "tasks"): Promise<number> {
  return reserveIds(db, name, 1);
}

/** Reserves the next `count` ids of a sequence in one write; returns the last of them. */
export async function reserveIds(db: Database, name: "users" | "agents" | "tasks", count: number): Promise<number> {
  const [row] = await db
    .update(idSequences)
    .set({ value: sql`${idSequences.value} + ${count}` })
    .where(eq(idSequences.name, name))
    .returning({ value: idSequences.value });
  if (!row) throw new Error(`id sequence ${name} is missing; apply the D1 migrations`);
  return row.value;
}

export async function balanceOf(db: Database, userId: number): Promise<number> {
  const row = await db
    .select({ balance: accounts.balance })
    .from(accounts)
    .where(eq(accounts.id, userAccount(userId)))
    .get();
  return row?.balance ?? 0;
}

/** A person's own entries, newest first, keyset-paginated by entry id (one extra row tells whether more follow). */
export function entriesOf(db: Database, userId: number, beforeId: number | null, limit: number) {
  const account = eq(ledgerEntries.accountId, userAccount(userId));
  return db
    .select({
      id: ledgerEntries.id,
      amount: ledgerEntries.amount,
      type: ledgerEntries.type,
      description: ledgerEntries.description,
      taskId: ledgerEntries.taskId,
      balanceAfter: ledgerEntries.balanceAfter,
      createdAt: ledgerEntries.createdAt,
    })
    .from(ledgerEntries)
    .where(beforeId === null ? account : and(account, lt(ledgerEntries.id, beforeId)))
    .orderBy(desc(ledgerEntries.id))
    .limit(limit + 1);
}
