/**
 * The ledger's rules as D1 enforces them, exercised with direct SQL and with the same transfer
 * statements the application runs. D1 is migrated once for this file, so every test reads its
 * own accounts, or works with deltas and whole-ledger invariants that hold whatever ran before.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database, runBatch } from "../../src/db/client";
import { transferStatements } from "../../src/db/ledger";
import { registerUser } from "../../src/db/users";
import { agentBonus, FEES_ACCOUNT, MINT_ACCOUNT, taskPayment, userAccount, type Transfer } from "../../src/domain/ledger";
import {
  allEntries,
  balanceAfterChainBreaks,
  balanceOfAccount,
  balancesNotMatchingEntries,
  entryCount,
  negativeUserBalances,
  sumOfAllEntries,
  unbalancedTransfers,
} from "../helpers/ledger-audit";

const db = database(env.DB);
const AT = "2026-01-01T00:00:00.000Z";

let emails = 0;
/** A registered person (500 credits from the welcome bonus), through the application's own batch. */
async function newUser(): Promise<{ id: number; account: string }> {
  emails += 1;
  const id = await registerUser(
    db,
    { email: `ledger-${emails}-${Date.now()}@example.com`, name: "Ledger", password: { hash: "00", salt: "00", iterations: 1 } },
    AT,
  );
  return { id, account: userAccount(id) };
}

async function balance(account: string): Promise<number> {
  const value = await balanceOfAccount(account);
  if (value === null) throw new Error(`no account ${account}`);
  return value;
}

async function newestEntryOf(account: string) {
  const row = await env.DB.prepare(`SELECT * FROM ledger_entries WHERE account_id = ? ORDER BY id DESC LIMIT 1`)
    .bind(account)
    .first<{ id: number; amount: number; balance_after: number; transfer_key: string }>();
  if (!row) throw new Error(`no entries for ${account}`);
  return row;
}

/** The message of an error and of its causes (drizzle wraps D1's error in its own). */
function messagesOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.length ? parts.join(" <- ") : String(error);
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return messagesOf(error);
  }
  throw new Error("expected the statement to be refused, but it succeeded");
}

function insertEntry(e: { key: string; account: string; counterparty: string; amount: number; balanceAfter: number }) {
  return env.DB.prepare(
    `INSERT INTO ledger_entries (transfer_key, account_id, counterparty_id, amount, balance_after, type, task_id, description, created_at)
     VALUES (?, ?, ?, ?, ?, 'deposit', NULL, 'direct insert', ?)`,
  ).bind(e.key, e.account, e.counterparty, e.amount, e.balanceAfter, AT);
}

function transfer(key: string, from: string, to: string, amount: number): Transfer {
  return { key, from, to, amount, type: "deposit", taskId: null, description: `test transfer ${key}` };
}

describe("ledger entries are append-only", () => {
  it("refuses an UPDATE of a ledger entry and leaves it as it was", async () => {
    const user = await newUser();
    const before = await newestEntryOf(user.account);

    const message = await refusal(env.DB.prepare(`UPDATE ledger_entries SET amount = amount + 1000 WHERE id = ?`).bind(before.id).run());

    expect(message).toContain("ledger_entries is append-only");
    expect(await newestEntryOf(user.account)).toEqual(before);
    expect(await balance(user.account)).toBe(500);
  });

  it("refuses an UPDATE of any column, even one the balance does not depend on", async () => {
    const user = await newUser();
    const before = await newestEntryOf(user.account);

    const message = await refusal(env.DB.prepare(`UPDATE ledger_entries SET description = 'edited' WHERE id = ?`).bind(before.id).run());

    expect(message).toContain("ledger_entries is append-only");
    expect(await newestEntryOf(user.account)).toEqual(before);
  });

  it("refuses a DELETE of ledger entries, single or wholesale, and removes nothing", async () => {
    const user = await newUser();
    const entry = await newestEntryOf(user.account);
    const count = await entryCount();

    expect(await refusal(env.DB.prepare(`DELETE FROM ledger_entries WHERE id = ?`).bind(entry.id).run())).toContain(
      "ledger_entries is append-only",
    );
    expect(await refusal(env.DB.prepare(`DELETE FROM ledger_entries`).run())).toContain("ledger_entries is append-only");

    expect(await entryCount()).toBe(count);
    expect(await newestEntryOf(user.account)).toEqual(entry);
  });
});

describe("account balances move only through ledger entries", () => {
  it("refuses a direct UPDATE that sets or shifts a balance by an arbitrary amount", async () => {
    const user = await newUser();

    const set = await refusal(env.DB.prepare(`UPDATE accounts SET balance = 1000000 WHERE id = ?`).bind(user.account).run());
    const shift = await refusal(env.DB.prepare(`UPDATE accounts SET balance = balance - 1 WHERE id = ?`).bind(user.account).run());
    const mint = await refusal(env.DB.prepare(`UPDATE accounts SET balance = 0 WHERE id = ?`).bind(MINT_ACCOUNT).run());

    for (const message of [set, shift, mint]) expect(message).toContain("accounts.balance changes only through ledger_entries");
    expect(await balance(user.account)).toBe(500);
    expect(await balancesNotMatchingEntries()).toEqual([]);
  });
});

describe("balance_after must follow the account's balance", () => {
  it("refuses an entry whose balance_after is off by one, and writes nothing", async () => {
    const user = await newUser();
    const count = await entryCount();

    const message = await refusal(
      insertEntry({ key: `wrong-after-${user.id}`, account: user.account, counterparty: MINT_ACCOUNT, amount: 10, balanceAfter: 511 }).run(),
    );

    expect(message).toContain("ledger_entries.balance_after does not follow the account balance");
    expect(await entryCount()).toBe(count);
    expect(await balance(user.account)).toBe(500);
  });

  it("rolls back a balanced pair of entries when one leg's balance_after is wrong", async () => {
    const user = await newUser();
    const mintBefore = await balance(MINT_ACCOUNT);
    const count = await entryCount();
    const key = `wrong-pair-${user.id}`;

    const message = await refusal(
      env.DB.batch([
        insertEntry({ key, account: MINT_ACCOUNT, counterparty: user.account, amount: -10, balanceAfter: mintBefore - 10 }),
        insertEntry({ key, account: user.account, counterparty: MINT_ACCOUNT, amount: 10, balanceAfter: 500 }),
      ]),
    );

    expect(message).toContain("ledger_entries.balance_after does not follow the account balance");
    expect(await entryCount()).toBe(count);
    expect(await balance(MINT_ACCOUNT)).toBe(mintBefore);
    expect(await balance(user.account)).toBe(500);
  });

  it("refuses an entry for an account that does not exist", async () => {
    const count = await entryCount();

    await refusal(insertEntry({ key: "ghost", account: "user:999999", counterparty: MINT_ACCOUNT, amount: 10, balanceAfter: 10 }).run());

    expect(await entryCount()).toBe(count);
  });
});

describe("transfers", () => {
  it("fails a transfer that would overdraw a user account and rolls back the whole batch", async () => {
    const payer = await newUser();
    const other = await newUser();
    const count = await entryCount();
    const mintBefore = await balance(MINT_ACCOUNT);
    const feesBefore = await balance(FEES_ACCOUNT);

    // A legitimate transfer first, then one taking 501 from an account holding 500.
    const batch = [
      ...transferStatements(db, transfer(`ok-${other.id}`, MINT_ACCOUNT, other.account, 25), AT),
      ...transferStatements(db, transfer(`overdraw-${payer.id}`, payer.account, FEES_ACCOUNT, 501), AT),
    ];
    const message = await refusal(runBatch(db, batch));

    expect(message).toMatch(/CHECK constraint failed|accounts_balance_non_negative/);
    expect(await entryCount()).toBe(count);
    expect(await balance(payer.account)).toBe(500);
    expect(await balance(other.account)).toBe(500);
    expect(await balance(MINT_ACCOUNT)).toBe(mintBefore);
    expect(await balance(FEES_ACCOUNT)).toBe(feesBefore);
    const keys = (await allEntries()).map((e) => e.transfer_key);
    expect(keys).not.toContain(`ok-${other.id}`);
    expect(keys).not.toContain(`overdraw-${payer.id}`);
  });

  it("lets a user spend exactly their whole balance, down to zero but not below", async () => {
    const payer = await newUser();

    await runBatch(db, transferStatements(db, transfer(`all-${payer.id}`, payer.account, FEES_ACCOUNT, 500), AT));
    expect(await balance(payer.account)).toBe(0);

    await refusal(runBatch(db, transferStatements(db, transfer(`one-more-${payer.id}`, payer.account, FEES_ACCOUNT, 1), AT)));
    expect(await balance(payer.account)).toBe(0);
    expect(await newestEntryOf(payer.account)).toMatchObject({ transfer_key: `all-${payer.id}`, amount: -500, balance_after: 0 });
  });

  it("writes nothing when a transfer key is replayed, and leaves every balance unchanged", async () => {
    const user = await newUser();
    const payment = transfer(`replay-${user.id}`, MINT_ACCOUNT, user.account, 70);
    await runBatch(db, transferStatements(db, payment, AT));
    const count = await entryCount();
    const userBalance = await balance(user.account);
    const mintBalance = await balance(MINT_ACCOUNT);
    expect(userBalance).toBe(570);

    await runBatch(db, transferStatements(db, payment, AT));
    // Same key with another amount: still the same transfer, still nothing new.
    await runBatch(db, transferStatements(db, { ...payment, amount: 9_999 }, AT));
    // The same transfer twice inside one batch applies once.
    await runBatch(db, [...transferStatements(db, payment, AT), ...transferStatements(db, payment, AT)]);

    expect(await entryCount()).toBe(count);
    expect(await balance(user.account)).toBe(userBalance);
    expect(await balance(MINT_ACCOUNT)).toBe(mintBalance);
    const legs = (await allEntries()).filter((e) => e.transfer_key === payment.key);
    expect(legs.map((e) => [e.account_id, e.amount])).toEqual([
      [MINT_ACCOUNT, -70],
      [user.account, 70],
    ]);
  });

  it("replays a whole task payment (payment and fee) without writing either transfer twice", async () => {
    const user = await newUser();
    const taskId = 700_000 + user.id;
    const statements = taskPayment(taskId, user.id, 155).flatMap((t) => transferStatements(db, t, AT));

    await runBatch(db, statements);
    await runBatch(db, statements);

    const entries = (await allEntries()).filter((e) => e.task_id === taskId);
    expect(entries.map((e) => [e.type, e.account_id, e.amount])).toEqual([
      ["payment", MINT_ACCOUNT, -140],
      ["payment", user.account, 140],
      ["platform_fee", MINT_ACCOUNT, -15],
      ["platform_fee", FEES_ACCOUNT, 15],
    ]);
    expect(await balance(user.account)).toBe(640);
  });
});

describe("system accounts", () => {
  it("lets mint go negative: it is the source of every credit in circulation", async () => {
    const user = await newUser();
    const before = await balance(MINT_ACCOUNT);

    await runBatch(db, transferStatements(db, agentBonus(user.id, 900_000 + user.id), AT));

    expect(before).toBeLessThan(0);
    expect(await balance(MINT_ACCOUNT)).toBe(before - 100);
    expect(await newestEntryOf(MINT_ACCOUNT)).toMatchObject({ amount: -100, balance_after: before - 100 });
    // mint is exactly the negative of everything held elsewhere.
    const held = await env.DB.prepare(`SELECT sum(balance) AS total FROM accounts WHERE id <> ?`).bind(MINT_ACCOUNT).first<{ total: number }>();
    expect(await balance(MINT_ACCOUNT)).toBe(-(held?.total ?? 0));
  });
});

describe("the ledger as a whole", () => {
  it("sums to zero, with every balance equal to its entries, after several transfers", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const carol = await newUser();
    const base = 800_000 + alice.id * 10;
    const transfers: Transfer[] = [
      agentBonus(alice.id, base + 1),
      agentBonus(bob.id, base + 2),
      ...taskPayment(base + 3, alice.id, 200),
      ...taskPayment(base + 4, bob.id, 19),
      ...taskPayment(base + 5, carol.id, 10),
      transfer(`a-to-b-${base}`, alice.account, bob.account, 333),
      transfer(`b-to-c-${base}`, bob.account, carol.account, 900),
      transfer(`c-to-fees-${base}`, carol.account, FEES_ACCOUNT, 7),
    ];
    for (const t of transfers) await runBatch(db, transferStatements(db, t, AT));

    expect(await balance(alice.account)).toBe(500 + 100 + 180 - 333);
    expect(await balance(bob.account)).toBe(500 + 100 + 18 + 333 - 900);
    expect(await balance(carol.account)).toBe(500 + 9 + 900 - 7);
    expect(await sumOfAllEntries()).toBe(0);
    expect(await balancesNotMatchingEntries()).toEqual([]);
    expect(await balanceAfterChainBreaks()).toEqual([]);
    expect(await unbalancedTransfers()).toEqual([]);
    expect(await negativeUserBalances()).toEqual([]);
  });
});

// Last in the file on purpose: if D1 lets this update through, the account it touches is left
// with a balance its entries do not explain, which would spoil the whole-ledger checks above.
describe("account balances move only through ledger entries (tampering that mimics the trigger)", () => {
  it("refuses a direct UPDATE of a balance even when it moves by exactly the newest entry's amount", async () => {
    const user = await newUser();
    const newest = await newestEntryOf(user.account);
    expect(newest.amount).toBe(500);

    // Replays the newest entry's effect on the balance without any new entry.
    const result = env.DB.prepare(`UPDATE accounts SET balance = balance + ? WHERE id = ?`).bind(newest.amount, user.account).run();
    const outcome = await result.then(
      () => "accepted",
      (error: unknown) => messagesOf(error),
    );

    expect(outcome).toContain("accounts.balance changes only through ledger_entries");
    expect(await balance(user.account)).toBe(500);
    const entriesSum = await env.DB.prepare(`SELECT sum(amount) AS total FROM ledger_entries WHERE account_id = ?`)
      .bind(user.account)
      .first<{ total: number }>();
    expect(entriesSum?.total).toBe(500);
  });
});

// Also last for the same reason: an account opened with credits would spoil the checks above.
describe("accounts start from their entries (tampering at account creation)", () => {
  it("refuses to open an account with a balance that no ledger entry explains", async () => {
    const id = 990_001;
    await env.DB.prepare(
      `INSERT INTO users (id, email, name, password_hash, password_salt, password_iterations, created_at, updated_at)
       VALUES (?, 'opened-rich@example.com', 'Rich', '00', '00', 1, ?, ?)`,
    )
      .bind(id, AT, AT)
      .run();

    const outcome = await env.DB.prepare(`INSERT INTO accounts (id, user_id, balance, is_system) VALUES (?, ?, 1000, 0)`)
      .bind(userAccount(id), id)
      .run()
      .then(
        () => "accepted",
        (error: unknown) => messagesOf(error),
      );

    expect(outcome, "an INSERT of an account holding 1000 credits with no entries").not.toBe("accepted");
    expect(await balanceOfAccount(userAccount(id))).toBeNull();
  });
});
