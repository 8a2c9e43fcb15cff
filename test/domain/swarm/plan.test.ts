import { describe, expect, it } from "vitest";
import { checkPlan, wavesOf } from "../../../src/domain/swarm/plan";
import { plannedPart } from "../fixtures";

const part = plannedPart;

describe("checking a plan before anything is posted", () => {
  it("accepts parts whose budgets fit and whose dependencies name other parts", () => {
    expect(checkPlan([part("a", 40), part("b", 40, ["a"])], 80)).toMatchObject({ ok: true });
  });

  it.each([
    ["no parts", [], 100, "no parts"],
    ["a shared key", [part("a", 10), part("a", 10)], 100, 'share the key "a"'],
    ["an unknown dependency", [part("a", 10, ["z"])], 100, 'depends on "z"'],
    ["a self-dependency", [part("a", 10, ["a"])], 100, 'depends on "a"'],
    ["a loop", [part("a", 10, ["c"]), part("b", 10, ["a"]), part("c", 10, ["b"])], 100, "loop: a → c → b → a"],
    ["budgets over what is spare", [part("a", 60), part("b", 60)], 100, "sum to 120 credits, more than the 100"],
  ])("refuses %s", (_, parts, spare, reason) => {
    const checked = checkPlan(parts, spare);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toContain(reason);
  });

  it("groups parts into waves that can run in parallel", () => {
    const waves = wavesOf([
      { key: "a", dependsOn: [] },
      { key: "b", dependsOn: [] },
      { key: "c", dependsOn: ["a"] },
      { key: "d", dependsOn: ["b", "c"] },
    ]);
    expect(waves).toEqual([["a", "b"], ["c"], ["d"]]);
  });
});
