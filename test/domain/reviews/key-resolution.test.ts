import { describe, expect, it } from "vitest";
import { chooseAgain, type KeyCandidates, type KeyChoice, posterKeyOf, resolveReviewKey } from "../../../src/domain/reviews/key-resolution";

const poster = (maxReviews: number | null, reviewsUsed: number) => ({
  provider: "anthropic" as const,
  sealedKey: "sealed-poster",
  maxReviews,
  reviewsUsed,
});
const agent = { provider: "openai" as const, sealedKey: "sealed-agent" };
const platform = { provider: "openrouter" as const, key: "platform-key" };

const cases: [string, KeyCandidates, KeyChoice][] = [
  [
    "poster key, unlimited",
    { poster: poster(null, 99), agent, platform },
    { source: "poster", provider: "anthropic", sealedKey: "sealed-poster" },
  ],
  [
    "poster key under its limit",
    { poster: poster(3, 2), agent, platform },
    { source: "poster", provider: "anthropic", sealedKey: "sealed-poster" },
  ],
  [
    "poster limit reached: the agent's key",
    { poster: poster(3, 3), agent, platform },
    { source: "agent", provider: "openai", sealedKey: "sealed-agent" },
  ],
  ["no poster key: the agent's key", { poster: null, agent, platform }, { source: "agent", provider: "openai", sealedKey: "sealed-agent" }],
  [
    "poster exhausted, no agent key: the platform's",
    { poster: poster(1, 1), agent: null, platform },
    { source: "platform", provider: "openrouter", key: "platform-key" },
  ],
  ["only the platform's", { poster: null, agent: null, platform }, { source: "platform", provider: "openrouter", key: "platform-key" }],
  ["poster exhausted and nothing else: skipped", { poster: poster(2, 5), agent: null, platform: null }, { source: "none" }],
  ["no key anywhere: skipped", { poster: null, agent: null, platform: null }, { source: "none" }],
  ["a limit of zero never uses the poster's key", { poster: poster(0, 0), agent: null, platform: null }, { source: "none" }],
];

describe("resolveReviewKey", () => {
  it.each(cases)("%s", (_name, candidates, expected) => {
    expect(resolveReviewKey(candidates)).toEqual(expected);
  });
});

describe("choosing a key again", () => {
  const sealed = { provider: "anthropic" as const, sealedKey: "sealed" };
  it("names the key chosen before while it is still there, and none once it is gone", () => {
    const candidates = {
      poster: { ...sealed, maxReviews: 1, reviewsUsed: 1 },
      agent: null,
      platform: { provider: "openai" as const, key: "k" },
    };
    // The poster's limit is spent now, but the call that chose it keeps it.
    expect(chooseAgain("poster", candidates)).toEqual({ source: "poster", ...sealed });
    expect(chooseAgain("platform", candidates)).toEqual({ source: "platform", provider: "openai", key: "k" });
    expect(chooseAgain("agent", candidates)).toEqual({ source: "none" });
  });

  it("reads the poster's key from a task's review settings only when both provider and key are there", () => {
    expect(posterKeyOf({ provider: "openai", encryptedKey: "x", maxReviews: null, reviewsUsed: 0 })).toEqual({
      provider: "openai",
      sealedKey: "x",
      maxReviews: null,
      reviewsUsed: 0,
    });
    expect(posterKeyOf({ provider: null, encryptedKey: "x", maxReviews: null, reviewsUsed: 0 })).toBeNull();
  });
});
