declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** A secret outside wrangler.toml, set for every test by vitest.config.ts. */
    ENCRYPTION_KEY: string;
  }
}
