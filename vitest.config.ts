// Tests run inside workerd with the real wrangler.toml bindings (D1, Durable Objects), with
// storage isolated per test file and D1 migrated from ./migrations before each file.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defaultExclude, defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      remoteBindings: false,
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
          // wrangler.toml is production; the suites run in development on purpose, as `npm run
          // dev` does, and test production by calling the app with a production env.
          ENVIRONMENT: "development",
          // Suites reuse one agent across many tasks; the fair-share tests set each agent's own limit.
          MAX_ACTIVE_ASSIGNMENTS: "1000",
          // The platform operator the suites sign in as (test/helpers/api.ts, platformOperator).
          PLATFORM_OPERATOR_EMAILS: "ops@taskhive.test",
          // A test-only key, so nothing depends on a developer's .dev.vars (which the plugin reads).
          ENCRYPTION_KEY: "7e".repeat(32),
          // Never a developer's real platform key or endpoints from .dev.vars: tests set their own.
          LLM_PLATFORM_PROVIDER: "",
          LLM_PLATFORM_KEY: "",
          ANTHROPIC_BASE_URL: "",
          OPENAI_BASE_URL: "",
          OPENROUTER_BASE_URL: "",
          REVIEW_MODEL_ANTHROPIC: "",
          REVIEW_MODEL_OPENAI: "",
          REVIEW_MODEL_OPENROUTER: "",
        },
      },
    }),
  ],
  test: {
    setupFiles: ["./test/helpers/apply-migrations.ts"],
    // A real HTTP server (Node) that webhook tests deliver to; its port reaches them via inject().
    globalSetup: ["./test/receiver/global-setup.mjs"],
    include: ["test/**/*.test.ts"],
    // Node-side suites: test/browser drives Chromium against `npm run dev`
    // (vitest.browser.config.ts); test/scripts and test/project check the scripts and the
    // project's files from Node (vitest.node.config.ts).
    exclude: [...defaultExclude, "test/browser/**", "test/scripts/**", "test/project/**", "test/packages/**"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
}));
