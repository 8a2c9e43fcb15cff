/**
 * Reads the ledger straight from D1 and reports every way it breaks the Credits rules of the
 * product spec. Each function returns the offending rows (empty when the rule holds), so a
 * test can `expect(...).toEqual([])` and see exactly what went wrong when it does not.
 */
import { env } from "cloudflare:workers";

export interface EntryRow {
  id: number;
  transfer_key: string;
  account_id: string;
  counterparty_id: string;
  amount: number;
  balance_after: number;
  type: string;
  task_id: number | null;
}

export interface AccountRow {
  id: string;
  user_id: number | null;
  balance: number;
  is_system: number;
}

export async function allEntries(): Promise<EntryRow[]> {
  const { results } = await env.DB.prepare(
    `SELECT id, transfer_key, account_id, counterparty_id, amount, balance_after, type, task_id
       FROM ledger_entries ORDER BY id`,
  ).all<EntryRow>();
  return results;
}

export async function allAccounts(): Promise<AccountRow[]> {
  const { results } = await env.DB.prepare(`SELECT id, user_id, balance, is_system FROM accounts ORDER BY id`).all<AccountRow>();
  return results;
}

export async function entryCount(): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ledger_entries`).first<{ n: number }>();
  return row?.n ?? 0;
}

/** SUM(amount) over every entry: zero in a double-entry ledger. */
export async function sumOfAllEntries(): Promise<number> {
  const row = await env.DB.prepare(`SELECT coalesce(sum(amount), 0) AS total FROM ledger_entries`).first<{ total: number }>();
  return row?.total ?? Number.NaN;
}

/** Accounts whose stored balance is not the sum of their entries. */
export async function balancesNotMatchingEntries(): Promise<{ id: string; balance: number; entries_sum: number }[]> {
  const { results } = await env.DB.prepare(
    `SELECT a.id, a.balance, coalesce((SELECT sum(e.amount) FROM ledger_entries e WHERE e.account_id = a.id), 0) AS entries_sum
       FROM accounts a
      WHERE a.balance IS NOT coalesce((SELECT sum(e.amount) FROM ledger_entries e WHERE e.account_id = a.id), 0)`,
  ).all<{ id: string; balance: number; entries_sum: number }>();
  return results;
}

export interface ChainBreak {
  account: string;
  entryId: number | null;
  expected: number;
  actual: number;
  what: "balance_after" | "final balance";
}

/**
 * Walks each account's entries in id order from 0: every `balance_after` must be the previous
 * one plus the entry's amount, and the last must be the account's balance.
 */
export async function balanceAfterChainBreaks(): Promise<ChainBreak[]> {
  const [entries, accounts] = await Promise.all([allEntries(), allAccounts()]);
  const running = new Map<string, number>();
  const breaks: ChainBreak[] = [];
  for (const e of entries) {
    const expected = (running.get(e.account_id) ?? 0) + e.amount;
    if (e.balance_after !== expected) {
      breaks.push({ account: e.account_id, entryId: e.id, expected, actual: e.balance_after, what: "balance_after" });
    }
    running.set(e.account_id, e.balance_after);
  }
  for (const a of accounts) {
    const last = running.get(a.id) ?? 0;
    if (a.balance !== last) breaks.push({ account: a.id, entryId: null, expected: last, actual: a.balance, what: "final balance" });
  }
  return breaks;
}

/** Non-system accounts below zero. */
export async function negativeUserBalances(): Promise<AccountRow[]> {
  const { results } = await env.DB.prepare(
    `SELECT id, user_id, balance, is_system FROM accounts WHERE is_system = 0 AND balance < 0`,
  ).all<AccountRow>();
  return results;
}

/** Transfers whose entries do not sum to zero, or that do not have exactly two legs. */
export async function unbalancedTransfers(): Promise<{ transfer_key: string; legs: number; total: number }[]> {
  const { results } = await env.DB.prepare(
    `SELECT transfer_key, count(*) AS legs, sum(amount) AS total FROM ledger_entries
      GROUP BY transfer_key HAVING count(*) <> 2 OR sum(amount) <> 0`,
  ).all<{ transfer_key: string; legs: number; total: number }>();
  return results;
}

export async function balanceOfAccount(accountId: string): Promise<number | null> {
  const row = await env.DB.prepare(`SELECT balance FROM accounts WHERE id = ?`).bind(accountId).first<{ balance: number }>();
  return row?.balance ?? null;
}
