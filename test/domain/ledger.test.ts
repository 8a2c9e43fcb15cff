import { describe, expect, it } from "vitest";
import { MIN_TASK_BUDGET, NEW_AGENT_BONUS, NEW_USER_BONUS } from "../../src/domain/constants";
import {
  agentBonus,
  FEES_ACCOUNT,
  LEDGER_ENTRY_TYPES,
  legsOf,
  MINT_ACCOUNT,
  SYSTEM_ACCOUNTS,
  type Transfer,
  taskPayment,
  userAccount,
  welcomeBonus,
} from "../../src/domain/ledger";

const transfer = (overrides: Partial<Transfer> = {}): Transfer => ({
  key: "test:1",
  from: "user:1",
  to: "user:2",
  amount: 25,
  type: "deposit",
  taskId: null,
  description: "A test transfer",
  ...overrides,
});

/** Every leg of every transfer, as the ledger would write them. */
const legsOfAll = (transfers: Transfer[]) => transfers.flatMap((t) => legsOf(t));

/** Net movement per account across some transfers. */
function balances(transfers: Transfer[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const leg of legsOfAll(transfers)) out.set(leg.account, (out.get(leg.account) ?? 0) + leg.amount);
  return out;
}

describe("ledger vocabulary", () => {
  it("has the spec's entry types and the two system accounts", () => {
    expect([...LEDGER_ENTRY_TYPES].sort()).toEqual(["bonus", "deposit", "payment", "platform_fee", "refund"]);
    expect([...SYSTEM_ACCOUNTS].sort()).toEqual(["fees", "mint"]);
    expect(MINT_ACCOUNT).toBe("mint");
    expect(FEES_ACCOUNT).toBe("fees");
  });

  it("names a user's account after the user, distinct from the system accounts", () => {
    expect(userAccount(5)).toBe("user:5");
    expect(userAccount(5)).not.toBe(userAccount(6));
    expect(SYSTEM_ACCOUNTS).not.toContain(userAccount(1));
  });
});

describe("legsOf", () => {
  it("debits from and credits to by the same amount", () => {
    const [debit, credit] = legsOf(transfer({ amount: 25 }));
    expect(debit).toEqual({
      transferKey: "test:1",
      account: "user:1",
      counterparty: "user:2",
      amount: -25,
      type: "deposit",
      taskId: null,
      description: "A test transfer",
    });
    expect(credit).toEqual({
      transferKey: "test:1",
      account: "user:2",
      counterparty: "user:1",
      amount: 25,
      type: "deposit",
      taskId: null,
      description: "A test transfer",
    });
  });

  it("produces two legs that sum to zero for any positive integer amount", () => {
    for (const amount of [1, 2, 9, 10, 99, 1_000, 123_456_789, Number.MAX_SAFE_INTEGER]) {
      const legs = legsOf(transfer({ amount }));
      expect(legs).toHaveLength(2);
      expect(legs[0].amount + legs[1].amount).toBe(0);
      expect(legs[1].amount).toBe(amount);
    }
  });

  it("carries the task id onto both legs", () => {
    const legs = legsOf(transfer({ taskId: 42, type: "payment" }));
    expect(legs.map((l) => [l.taskId, l.type])).toEqual([
      [42, "payment"],
      [42, "payment"],
    ]);
  });

  it("refuses a zero amount", () => {
    expect(() => legsOf(transfer({ amount: 0 }))).toThrow(RangeError);
    expect(() => legsOf(transfer({ amount: 0 }))).toThrow("transfer test:1: amount must be a positive integer, got 0");
  });

  it("refuses a negative amount", () => {
    for (const amount of [-1, -500]) {
      expect(() => legsOf(transfer({ amount }))).toThrow(`transfer test:1: amount must be a positive integer, got ${amount}`);
    }
  });

  it("refuses a non-integer or unsafe amount", () => {
    for (const amount of [0.5, 1.5, 9.99, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => legsOf(transfer({ amount })), String(amount)).toThrow(RangeError);
    }
  });

  it("refuses a transfer from an account to itself", () => {
    expect(() => legsOf(transfer({ from: "user:1", to: "user:1" }))).toThrow(RangeError);
    expect(() => legsOf(transfer({ from: "user:1", to: "user:1" }))).toThrow("transfer test:1: from and to are the same account");
    expect(() => legsOf(transfer({ from: MINT_ACCOUNT, to: MINT_ACCOUNT }))).toThrow(RangeError);
  });
});

describe("welcomeBonus", () => {
  it("mints 500 credits to the new user as a bonus, keyed by the user", () => {
    expect(welcomeBonus(5)).toEqual({
      key: "user:5:welcome",
      from: MINT_ACCOUNT,
      to: "user:5",
      amount: 500,
      type: "bonus",
      taskId: null,
      description: "Welcome bonus",
    });
    expect(NEW_USER_BONUS).toBe(500);
  });

  it("has one key per user, so a replay cannot pay twice", () => {
    expect(welcomeBonus(5).key).toBe(welcomeBonus(5).key);
    expect(welcomeBonus(5).key).not.toBe(welcomeBonus(6).key);
  });

  it("is a valid transfer", () => {
    const [debit, credit] = legsOf(welcomeBonus(5));
    expect([debit.account, debit.amount, credit.account, credit.amount]).toEqual(["mint", -500, "user:5", 500]);
  });
});

describe("agentBonus", () => {
  it("mints 100 credits to the operator as a bonus, keyed by the agent", () => {
    expect(agentBonus(5, 9)).toEqual({
      key: "agent:9:bonus",
      from: MINT_ACCOUNT,
      to: "user:5",
      amount: 100,
      type: "bonus",
      taskId: null,
      description: "Agent registration bonus (agent 9)",
    });
    expect(NEW_AGENT_BONUS).toBe(100);
  });

  it("pays once per agent, however many agents the operator registers", () => {
    expect(agentBonus(5, 9).key).not.toBe(agentBonus(5, 10).key);
    expect(agentBonus(5, 9).key).toBe(agentBonus(5, 9).key);
    expect(agentBonus(5, 9).key).not.toBe(welcomeBonus(5).key);
  });

  it("is a valid transfer", () => {
    expect(legsOf(agentBonus(5, 9))[1]).toMatchObject({ account: "user:5", amount: 100, type: "bonus" });
  });
});

describe("taskPayment", () => {
  it("pays the operator the budget less 10% and records the fee against the platform", () => {
    expect(taskPayment(42, 5, 200)).toEqual([
      {
        key: "task:42:payment",
        from: MINT_ACCOUNT,
        to: "user:5",
        amount: 180,
        type: "payment",
        taskId: 42,
        description: "Payment for task 42 (budget 200, platform fee 20)",
      },
      {
        key: "task:42:fee",
        from: MINT_ACCOUNT,
        to: FEES_ACCOUNT,
        amount: 20,
        type: "platform_fee",
        taskId: 42,
        description: "Platform fee for task 42",
      },
    ]);
  });

  it("pays 9 and records a fee of 1 on the minimum budget of 10", () => {
    expect(MIN_TASK_BUDGET).toBe(10);
    const [payment, fee] = taskPayment(7, 3, 10);
    expect(payment).toMatchObject({ key: "task:7:payment", to: "user:3", amount: 9, type: "payment", taskId: 7 });
    expect(fee).toMatchObject({ key: "task:7:fee", to: "fees", amount: 1, type: "platform_fee", taskId: 7 });
  });

  it("floors the fee: a budget of 19 pays 18 and a fee of 1", () => {
    expect(taskPayment(1, 2, 19).map((t) => t.amount)).toEqual([18, 1]);
  });

  it("pays budget − floor(budget × 10 / 100) and records the rest, for every budget from 10 to 2000", () => {
    for (let budget = MIN_TASK_BUDGET; budget <= 2_000; budget++) {
      const transfers = taskPayment(42, 5, budget);
      const fee = Math.floor((budget * 10) / 100);
      expect(transfers.map((t) => [t.to, t.amount])).toEqual([
        ["user:5", budget - fee],
        ["fees", fee],
      ]);
      const net = balances(transfers);
      expect(net.get("user:5")).toBe(budget - fee);
      expect(net.get("fees")).toBe(fee);
      expect(net.get("mint")).toBe(-budget);
    }
  });

  it("never debits anyone but the mint, so the poster pays nothing", () => {
    for (const t of taskPayment(42, 5, 1_234)) expect(t.from).toBe(MINT_ACCOUNT);
  });

  it("writes entries that sum to zero", () => {
    const legs = legsOfAll(taskPayment(42, 5, 777));
    expect(legs).toHaveLength(4);
    expect(legs.reduce((sum, leg) => sum + leg.amount, 0)).toBe(0);
  });

  it("uses keys unique to the task, so a retried completion pays exactly once", () => {
    const keys = taskPayment(42, 5, 200).map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(taskPayment(42, 5, 200).map((t) => t.key)).toEqual(keys);
    // A retry that names another operator or budget still collides on the same keys.
    expect(taskPayment(42, 6, 300).map((t) => t.key)).toEqual(keys);
    expect(taskPayment(43, 5, 200).map((t) => t.key)).not.toContain(keys[0]);
  });

  it("writes no zero-amount fee entry when the fee floors to zero", () => {
    const transfers = taskPayment(42, 5, 9);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ amount: 9, type: "payment" });
    expect(() => legsOfAll(transfers)).not.toThrow();
  });
});

describe("the sum of all entries", () => {
  it("is zero across a mix of bonuses and payments", () => {
    const transfers = [
      welcomeBonus(1),
      welcomeBonus(2),
      agentBonus(2, 10),
      agentBonus(2, 11),
      ...taskPayment(100, 2, 10),
      ...taskPayment(101, 2, 250),
      ...taskPayment(102, 1, 19),
    ];
    const legs = legsOfAll(transfers);
    expect(legs.reduce((sum, leg) => sum + leg.amount, 0)).toBe(0);
    const net = balances(transfers);
    expect(net.get("user:1")).toBe(500 + 18);
    expect(net.get("user:2")).toBe(500 + 200 + 9 + 225);
    expect(net.get("fees")).toBe(1 + 25 + 1);
    for (const [account, amount] of net) if (account !== MINT_ACCOUNT) expect(amount).toBeGreaterThanOrEqual(0);
  });
});
