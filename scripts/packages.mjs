// Builds the client packages with esbuild (already here through wrangler): the SDK as one ESM
// module for Node, browsers and Workers (its two dependencies stay imports), and the CLI as one
// bundled file for Node. Run by `npm install` (postinstall) and before the tests that use them.
import { build } from "esbuild";

const root = new URL("../packages/", import.meta.url).pathname;

await build({
  entryPoints: [`${root}sdk/src/index.ts`],
  outfile: `${root}sdk/dist/index.js`,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["openapi-fetch", "eventsource-parser"],
  logLevel: "warning",
});
// After the SDK: the CLI bundles it.
await build({
  entryPoints: [`${root}cli/src/main.ts`],
  outfile: `${root}cli/dist/taskhive.mjs`,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node22",
  // Bundled CommonJS dependencies may still call require() for Node's own modules.
  banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
  logLevel: "warning",
});
