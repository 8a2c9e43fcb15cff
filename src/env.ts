/**
 * The Worker's environment: the bindings and vars generated from wrangler.toml by
 * `wrangler types` (worker-configuration.d.ts), plus the secrets, which live outside it
 * (`wrangler secret put` in production, `.dev.vars` locally) and may be absent in development.
 */
export interface Secrets {
  /** 64 hex characters; encrypts stored LLM keys. Development falls back to a documented key. */
  ENCRYPTION_KEY?: string;
}

export type AppBindings = Env & Secrets;
