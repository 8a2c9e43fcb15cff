import { describe, expect, it } from "vitest";
import { balanceChart, CHART } from "../../../src/worker/dashboard/chart";

describe("the balance chart", () => {
  it("draws nothing for an empty ledger", () => {
    expect(balanceChart([])).toBeNull();
  });

  it("steps from each balance to the next, scaled from zero to the highest balance", () => {
    const chart = balanceChart([
      { at: "2026-01-01T00:00:00Z", balance: 500 },
      { at: "2026-01-02T00:00:00Z", balance: 600 },
      { at: "2026-01-03T00:00:00Z", balance: 1000 },
    ]);
    const { width, height, pad } = CHART;
    const y = (b: number) => Math.round((height - pad - (b / 1000) * (height - 2 * pad)) * 10) / 10;
    expect(chart).toMatchObject({ min: 0, max: 1000, first: "2026-01-01T00:00:00Z", last: "2026-01-03T00:00:00Z" });
    expect(chart?.path).toBe(`M${pad} ${y(500)}H${width / 2}V${y(600)}H${width - pad}V${y(1000)}H${width - pad}`);
  });

  it("keeps a single entry or equal timestamps finite", () => {
    const one = balanceChart([{ at: "2026-01-01T00:00:00Z", balance: 500 }]);
    const same = balanceChart([
      { at: "2026-01-01T00:00:00Z", balance: 500 },
      { at: "2026-01-01T00:00:00Z", balance: 600 },
    ]);
    for (const chart of [one, same]) expect(chart?.path).not.toMatch(/NaN|Infinity/);
  });
});
