/**
 * The Worker's environment: the bindings and vars generated from wrangler.toml by
 * `wrangler types` (worker-configuration.d.ts), plus the secrets, which live outside it
 * (`wrangler secret put` in production, `.dev.vars` locally) and may be absent in development.
 */
export interface Secrets {
  /** 64 hex characters; encrypts stored LLM keys. Development falls back to a documented key. */
  ENCRYPTION_KEY?: string;
  /** The reviewer's last-resort key, used when neither the poster nor the agent has one. */
  LLM_PLATFORM_PROVIDER?: string;
  LLM_PLATFORM_KEY?: string;
  /** Provider endpoints, so a gateway (e.g. Cloudflare AI Gateway) or a local fake can stand in. */
  ANTHROPIC_BASE_URL?: string;
  OPENAI_BASE_URL?: string;
  OPENROUTER_BASE_URL?: string;
  /** The reviewer's model per provider (defaults in src/queues/reviews/config.ts). */
  REVIEW_MODEL_ANTHROPIC?: string;
  REVIEW_MODEL_OPENAI?: string;
  REVIEW_MODEL_OPENROUTER?: string;
}

export type AppBindings = Env & Secrets;
