/**
 * One model call paid by a chosen key, as the reviewer and the swarm both make it: the stored key
 * opened only for the call, the answer with its usage and estimated cost, and a provider that
 * stays down (after its SDK's own retries) recorded as the call's error, with any key scrubbed.
 */
import type { LlmProvider } from "../../domain/llm";
import type { KeyChoice, KeySource } from "../../domain/reviews/key-resolution";
import { costMicroUsd } from "../../domain/reviews/pricing";
import type { AppBindings } from "../../env";
import { modelConfig } from "./config";
import { openStoredKey, redact } from "./keys";
import type { ModelAnswer, ModelConfig } from "./models";

export interface KeyedAnswer {
  keySource: KeySource;
  provider: LlmProvider | null;
  model: string | null;
  /** The forced tool call's arguments, or null when there were none. */
  answer: unknown;
  inputTokens: number | null;
  outputTokens: number | null;
  costMicroUsd: number | null;
  error: string | null;
}

export async function askWithKey(
  env: AppBindings,
  key: KeyChoice,
  ask: (config: ModelConfig) => Promise<ModelAnswer>,
): Promise<KeyedAnswer> {
  const none = { provider: null, model: null, answer: null, inputTokens: null, outputTokens: null, costMicroUsd: null, error: null };
  if (key.source === "none") return { ...none, keySource: "none" };
  let apiKey = "";
  try {
    apiKey = key.source === "platform" ? key.key : await openStoredKey(env, key);
    const answer = await ask(modelConfig(env, key.provider, apiKey));
    return {
      keySource: key.source,
      provider: key.provider,
      model: answer.model,
      answer: answer.answer,
      inputTokens: answer.usage?.inputTokens ?? null,
      outputTokens: answer.usage?.outputTokens ?? null,
      costMicroUsd: costMicroUsd(answer.model, answer.usage),
      error: null,
    };
  } catch (error) {
    return { ...none, keySource: key.source, provider: key.provider, error: redact(String(error), apiKey) };
  }
}
