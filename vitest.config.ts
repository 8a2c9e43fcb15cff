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
        bindings: { TEST_MIGRATIONS: await readD1Migrations("./migrations") },
      },
    }),
  ],
  test: {
    setupFiles: ["./test/helpers/apply-migrations.ts"],
    // A real HTTP server (Node) that webhook tests deliver to; its port reaches them via inject().
    globalSetup: ["./test/receiver/global-setup.mjs"],
    include: ["test/**/*.test.ts"],
    // test/browser drives Chromium from Node against `npm run dev`: vitest.browser.config.ts.
    exclude: [...defaultExclude, "test/browser/**"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
}));
