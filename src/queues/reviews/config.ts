/** The reviewer's configuration: models, endpoints, limits, and the platform's fallback key. */
import type { PlatformKey } from "../../domain/reviews/key-resolution";
import { LLM_PROVIDERS, type LlmProvider } from "../../domain/task";
import type { AppBindings } from "../../env";
import type { ModelConfig } from "./models";

/**
 * Anthropic: Sonnet 4.6, not 4.5 (deprecated, end of life 30 November 2026) nor Sonnet 5 and
 * later, which think by default and then refuse the forced tool call the verdict relies on.
 */
export const DEFAULT_MODELS: Readonly<Record<LlmProvider, string>> = {
  anthropic: "claude-sonnet-4-6",
  openai: "gpt-5-mini",
  openrouter: "openai/gpt-5-mini",
};

/** Per attempt; the SDK retries 429s and 5xx twice more with backoff within a review. */
const TIMEOUT_MS = 60_000;
const SDK_RETRIES = 2;

export function modelConfig(env: AppBindings, provider: LlmProvider, apiKey: string): ModelConfig {
  const settings: Record<LlmProvider, { model: string | undefined; baseUrl: string | undefined }> = {
    anthropic: { model: env.REVIEW_MODEL_ANTHROPIC, baseUrl: env.ANTHROPIC_BASE_URL },
    openai: { model: env.REVIEW_MODEL_OPENAI, baseUrl: env.OPENAI_BASE_URL },
    openrouter: { model: env.REVIEW_MODEL_OPENROUTER, baseUrl: env.OPENROUTER_BASE_URL },
  };
  const chosen = settings[provider];
  return {
    provider,
    apiKey,
    model: chosen.model || DEFAULT_MODELS[provider],
    baseUrl: chosen.baseUrl || null,
    timeoutMs: TIMEOUT_MS,
    maxRetries: SDK_RETRIES,
  };
}

/** The deployment's fallback key, when both of its settings are present and valid. */
export function platformKey(env: AppBindings): PlatformKey | null {
  const provider = LLM_PROVIDERS.find((p) => p === env.LLM_PLATFORM_PROVIDER);
  return provider && env.LLM_PLATFORM_KEY ? { provider, key: env.LLM_PLATFORM_KEY } : null;
}
