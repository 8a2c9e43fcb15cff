/**
 * Fixtures for the ledger's own tests, which work below the API: people registered through the
 * application's batch, raw ledger entries, transfers, and the message of a statement D1 refused.
 */
import { env } from "cloudflare:workers";
import { database } from "../../src/db/client";
import { registerUser } from "../../src/db/users";
import { type Transfer, userAccount } from "../../src/domain/ledger";
import { balanceOfAccount } from "./ledger-audit";

export const db = database(env.DB);
export const AT = "2026-01-01T00:00:00.000Z";

let emails = 0;
/** A registered person (500 credits from the welcome bonus), through the application's own batch. */
export async function newUser(): Promise<{ id: number; account: string }> {
  emails += 1;
  const id = await registerUser(
    db,
    { email: `ledger-${emails}-${Date.now()}@example.com`, name: "Ledger", password: { hash: "00", salt: "00", iterations: 1 } },
    AT,
  );
  return { id, account: userAccount(id) };
}

/** An account's stored balance; throws when there is no such account. */
export async function balance(account: string): Promise<number> {
  const value = await balanceOfAccount(account);
  if (value === null) throw new Error(`no account ${account}`);
  return value;
}

/** The account's latest ledger entry; throws when it has none. */
export async function newestEntryOf(account: string) {
  const row = await env.DB.prepare(`SELECT * FROM ledger_entries WHERE account_id = ? ORDER BY id DESC LIMIT 1`)
    .bind(account)
    .first<{ id: number; amount: number; balance_after: number; transfer_key: string }>();
  if (!row) throw new Error(`no entries for ${account}`);
  return row;
}

/** The message of an error and of its causes (drizzle wraps D1's error in its own). */
export function messagesOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.length ? parts.join(" <- ") : String(error);
}

/** Awaits a statement D1 must refuse and returns why; throws if it succeeds. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return messagesOf(error);
  }
  throw new Error("expected the statement to be refused, but it succeeded");
}

/** A raw INSERT of one deposit leg, bypassing the application's transfer statements. */
export function insertEntry(e: { key: string; account: string; counterparty: string; amount: number; balanceAfter: number }) {
  return env.DB.prepare(
    `INSERT INTO ledger_entries (transfer_key, account_id, counterparty_id, amount, balance_after, type, task_id, description, created_at)
     VALUES (?, ?, ?, ?, ?, 'deposit', NULL, 'direct insert', ?)`,
  ).bind(e.key, e.account, e.counterparty, e.amount, e.balanceAfter, AT);
}

/** A deposit-type transfer of `amount` from one account to another, with no task. */
export function transfer(key: string, from: string, to: string, amount: number): Transfer {
  return { key, from, to, amount, type: "deposit", taskId: null, description: `test transfer ${key}` };
}
