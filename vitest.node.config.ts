// Node-side tests of what is not Worker code: the scripts (`npm run dev`'s .dev.vars, `npm run
// deploy` against a fake wrangler) and the project's own files (the deployed configuration and
// bundle, the README). Plain Node, no workerd, no browser.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/scripts/**/*.test.ts", "test/project/**/*.test.ts", "test/packages/**/*.test.ts"],
    // The CLI's end-to-end tests need the dev server: vitest.browser.config.ts runs them.
    exclude: ["**/node_modules/**", "test/packages/**/e2e/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
