/**
 * The ledger's rules as D1 itself enforces them, exercised with direct SQL: entries are
 * append-only, balances move only through entries, each balance_after follows its account, and
 * no account opens with credits its entries do not explain. D1 is migrated once for this file,
 * so every test reads its own accounts, or works with deltas that hold whatever ran before.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MINT_ACCOUNT, userAccount } from "../../src/domain/ledger";
import { balanceOfAccount, balancesNotMatchingEntries, entryCount } from "../helpers/ledger-audit";
import { AT, balance, insertEntry, messagesOf, newestEntryOf, newUser, refusal } from "../helpers/ledger-fixtures";

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
      insertEntry({
        key: `wrong-after-${user.id}`,
        account: user.account,
        counterparty: MINT_ACCOUNT,
        amount: 10,
        balanceAfter: 511,
      }).run(),
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
