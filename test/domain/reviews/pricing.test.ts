import { describe, expect, it } from "vitest";
import { costMicroUsd } from "../../../src/domain/reviews/pricing";
import { DEFAULT_MODELS } from "../../../src/queues/reviews/config";

const usage = { inputTokens: 1_000, outputTokens: 100 };

describe("costMicroUsd", () => {
  it("prices usage at the model's list price per million tokens", () => {
    expect(costMicroUsd("claude-sonnet-4-6", usage)).toBe(1_000 * 3 + 100 * 15);
    expect(costMicroUsd("gpt-5-mini", usage)).toBe(1_000 * 0.25 + 100 * 2);
  });

  it("prices a dated model name as its alias", () => {
    expect(costMicroUsd("claude-sonnet-4-6-20260217", usage)).toBe(costMicroUsd("claude-sonnet-4-6", usage));
  });

  it("does not guess: an unknown model or unreported usage has no estimate", () => {
    expect(costMicroUsd("claude-sonnet-4-60", usage)).toBeNull();
    expect(costMicroUsd("some-other-model", usage)).toBeNull();
    expect(costMicroUsd("claude-sonnet-4-6", null)).toBeNull();
  });

  it("knows the price of every default model", () => {
    for (const model of Object.values(DEFAULT_MODELS)) expect(costMicroUsd(model, usage)).not.toBeNull();
  });
});
