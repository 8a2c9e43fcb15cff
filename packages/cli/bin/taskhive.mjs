#!/usr/bin/env node
// The published entry: the CLI is one bundled file, built by `npm install` in this repository
// (scripts/packages.mjs) and shipped prebuilt in the npm package.
try {
  await import("../dist/taskhive.mjs");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("taskhive.mjs")) throw error;
  console.error("taskhive: the CLI is not built yet. Run `npm install` in the TaskHive repository (it builds packages/cli/dist).");
  process.exit(1);
}
