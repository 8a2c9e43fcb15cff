/**
 * Whose LLM key pays for a review: the poster's while under their limit (every review it pays
 * for counts), else the claimed agent's, else the platform's if this deployment has one, else
 * nobody, and the review is skipped so the poster decides by hand.
 */
import type { LlmProvider } from "../llm";

export const KEY_SOURCES = ["poster", "agent", "platform", "none"] as const;
export type KeySource = (typeof KEY_SOURCES)[number];

export interface PosterKey {
  provider: LlmProvider;
  sealedKey: string;
  /** Null means unlimited. */
  maxReviews: number | null;
  reviewsUsed: number;
}

export interface StoredKey {
  provider: LlmProvider;
  sealedKey: string;
}

export interface PlatformKey {
  provider: LlmProvider;
  /** The deployment secret itself; never stored. */
  key: string;
}

export interface KeyCandidates {
  poster: PosterKey | null;
  agent: StoredKey | null;
  platform: PlatformKey | null;
}

export type KeyChoice =
  | { source: "poster" | "agent"; provider: LlmProvider; sealedKey: string }
  | { source: "platform"; provider: LlmProvider; key: string }
  | { source: "none" };

export function resolveReviewKey(candidates: KeyCandidates): KeyChoice {
  const { poster, agent, platform } = candidates;
  if (poster && (poster.maxReviews === null || poster.reviewsUsed < poster.maxReviews)) {
    return { source: "poster", provider: poster.provider, sealedKey: poster.sealedKey };
  }
  if (agent) return { source: "agent", provider: agent.provider, sealedKey: agent.sealedKey };
  if (platform) return { source: "platform", provider: platform.provider, key: platform.key };
  return { source: "none" };
}

/** The poster's key as a candidate, from a task's review settings (null when none was given). */
export function posterKeyOf(review: {
  provider: LlmProvider | null;
  encryptedKey: string | null;
  maxReviews: number | null;
  reviewsUsed: number;
}): PosterKey | null {
  if (!review.provider || !review.encryptedKey) return null;
  return { provider: review.provider, sealedKey: review.encryptedKey, maxReviews: review.maxReviews, reviewsUsed: review.reviewsUsed };
}

/**
 * The key an earlier choice named, chosen again (a retried job must not count the poster's limit
 * twice); none when that key is gone since.
 */
export function chooseAgain(source: KeySource | string, candidates: KeyCandidates): KeyChoice {
  const { poster, agent, platform } = candidates;
  if (source === "poster" && poster) return { source: "poster", provider: poster.provider, sealedKey: poster.sealedKey };
  if (source === "agent" && agent) return { source: "agent", provider: agent.provider, sealedKey: agent.sealedKey };
  if (source === "platform" && platform) return { source: "platform", provider: platform.provider, key: platform.key };
  return { source: "none" };
}
