import { describe, expect, it } from "vitest";
import { MIN_TASK_BUDGET } from "../../src/domain/constants";
import { payoutFor } from "../../src/domain/fees";

describe("payoutFor", () => {
  it("pays the budget less a 10% fee", () => {
    expect(payoutFor(200)).toEqual({ payment: 180, fee: 20 });
  });

  it("floors the fee, so the operator keeps the remainder", () => {
    expect(payoutFor(19)).toEqual({ payment: 18, fee: 1 });
    expect(payoutFor(109)).toEqual({ payment: 99, fee: 10 });
  });

  it("takes a fee of 1 at the minimum budget", () => {
    expect(payoutFor(MIN_TASK_BUDGET)).toEqual({ payment: 9, fee: 1 });
  });

  it("never creates or loses a credit", () => {
    for (let budget = MIN_TASK_BUDGET; budget <= 2_000; budget++) {
      const { payment, fee } = payoutFor(budget);
      expect(payment + fee).toBe(budget);
      expect(fee).toBe(Math.floor(budget / 10));
    }
  });
});
