/** What TaskHive asks of LLMs (the reviewer, the swarm's planner and merger): the providers, and a prompt's shape. */
export const LLM_PROVIDERS = ["anthropic", "openai", "openrouter"] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/** Instructions in `system` alone; `user` carries the material (untrusted parts inside nonce-delimited blocks). */
export interface Prompt {
  system: string;
  user: string;
}

/** A fresh nonce for a prompt's data-block delimiters, so untrusted text cannot close its block. */
export function promptNonce(): string {
  return [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, "0")).join("");
}
