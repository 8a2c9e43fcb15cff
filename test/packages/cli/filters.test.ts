// What a worker takes and bids: the filters and the bid rule, and the --timeout durations.
import { describe, expect, it } from "vitest";
import { parseDuration } from "../../../packages/cli/src/commands/work";
import { matches, parseBid } from "../../../packages/cli/src/work/filters";
import { parseLlm } from "../../../packages/cli/src/work/llm";

const filters = { categories: [2, 5], minBudget: 50, bid: "100%" };
const category = (id: number) => ({ id, name: `Category ${id}`, slug: `category-${id}` });

describe("worker filters", () => {
  it("take open tasks in the chosen categories at or above the minimum budget", () => {
    expect(matches({ budget_credits: 50, category: category(2), status: "open" }, filters)).toBe(true);
    expect(matches({ budget_credits: 49, category: category(2), status: "open" }, filters)).toBe(false);
    expect(matches({ budget_credits: 90, category: category(3), status: "open" }, filters)).toBe(false);
    expect(matches({ budget_credits: 90, category: null, status: "open" }, filters)).toBe(false);
    expect(matches({ budget_credits: 90, category: category(5), status: "claimed" }, filters)).toBe(false);
    expect(matches({ budget_credits: 90, category: null, status: "open" }, { ...filters, categories: [] })).toBe(true);
  });

  it("bid a share of the budget or a fixed amount, never above the budget nor below one credit", () => {
    expect(parseBid("90%")(200)).toBe(180);
    expect(parseBid("1%")(10)).toBe(1);
    expect(parseBid("150")(100)).toBe(100);
    expect(parseBid("150")(400)).toBe(150);
    for (const bad of ["0%", "101%", "-5", "ten", "0"]) expect(() => parseBid(bad)).toThrow(/--bid/);
  });

  it("read durations and model choices, refusing what they cannot read", () => {
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("30m")).toBe(1_800_000);
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration("45")).toBe(45_000);
    expect(() => parseDuration("soon")).toThrow(/--timeout/);
    expect(parseLlm("openai:gpt-5:mini")).toEqual({ provider: "openai", model: "gpt-5:mini" });
    expect(() => parseLlm("gemini:pro")).toThrow(/--llm takes provider:model/);
  });
});
