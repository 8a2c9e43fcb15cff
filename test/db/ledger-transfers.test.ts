/**
 * The ledger's rules for the transfer statements the application runs: no user account is
 * overdrawn, a replayed transfer writes nothing, mint is the (negative) source of every credit,
 * and the whole ledger stays balanced. D1 is migrated once for this file, so every test reads its
 * own accounts, or works with deltas and whole-ledger invariants that hold whatever ran before.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runBatch } from "../../src/db/client";
import { transferStatements } from "../../src/db/ledger";
import { agentBonus, FEES_ACCOUNT, MINT_ACCOUNT, type Transfer, taskPayment } from "../../src/domain/ledger";
import {
  allEntries,
  balanceAfterChainBreaks,
  balancesNotMatchingEntries,
  entryCount,
  negativeUserBalances,
  sumOfAllEntries,
  unbalancedTransfers,
} from "../helpers/ledger-audit";
import { AT, balance, db, newestEntryOf, newUser, refusal, transfer } from "../helpers/ledger-fixtures";

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
    const held = await env.DB.prepare(`SELECT sum(balance) AS total FROM accounts WHERE id <> ?`)
      .bind(MINT_ACCOUNT)
      .first<{ total: number }>();
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
