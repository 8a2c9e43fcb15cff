/**
 * A cost estimate for a review, from the provider's reported token usage and published list
 * prices of the default models (USD per million tokens, as of November 2026). Other models are
 * not estimated rather than guessed: the figure is shown as unknown.
 */
const PRICES: Readonly<Record<string, { input: number; output: number }>> = {
  "claude-sonnet-4-6": { input: 3, output: 15 },
  "claude-sonnet-4-5": { input: 3, output: 15 },
  "claude-haiku-4-5": { input: 1, output: 5 },
  "gpt-5-mini": { input: 0.25, output: 2 },
  "openai/gpt-5-mini": { input: 0.25, output: 2 },
};

/** Millionths of a dollar, or null when the model's price is unknown or usage was not reported. */
export function costMicroUsd(model: string, usage: { inputTokens: number; outputTokens: number } | null): number | null {
  if (!usage) return null;
  // Providers answer with dated names (claude-sonnet-4-5-20250929); the list keys are their aliases.
  const price = PRICES[model] ?? Object.entries(PRICES).find(([alias]) => model.startsWith(`${alias}-`))?.[1];
  if (!price) return null;
  return Math.round(usage.inputTokens * price.input + usage.outputTokens * price.output);
}
