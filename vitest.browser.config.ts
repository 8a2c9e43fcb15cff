// Browser tests, and the CLI's end-to-end tests: plain Node (not workerd) drives Debian's
// Chromium through playwright-core, or runs `taskhive` processes, against the real app,
// started once per run with `npm run dev` on a free port and a fresh local state
// (test/browser/global-setup.ts). `npm run test:browser` runs only these.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/browser/**/*.test.ts", "test/packages/**/e2e/*.test.ts"],
    globalSetup: ["./test/browser/global-setup.ts"],
    // Closes each file's browser after its tests (test/browser/browser.ts).
    setupFiles: ["./test/browser/setup.ts"],
    // One dev server and one browser at a time: files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
