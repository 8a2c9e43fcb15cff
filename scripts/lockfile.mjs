// This machine's registry mirror serves only the Linux builds of workerd, so `npm install`
// writes a lockfile without the macOS and Windows entries, and `npm ci` then refuses it as
// out of sync. Those entries only need their os/cpu for npm to skip them on Linux.
// `node scripts/lockfile.mjs` restores them; `--check` fails when any is missing.
import { readFileSync, writeFileSync } from "node:fs";

const PLATFORMS = {
  "darwin-64": ["darwin", "x64"],
  "darwin-arm64": ["darwin", "arm64"],
  "linux-64": ["linux", "x64"],
  "linux-arm64": ["linux", "arm64"],
  "windows-64": ["win32", "x64"],
};
const PREFIX = "@cloudflare/workerd-";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const missing = [];

// Where Node would find `name` from the package at `location`: its own node_modules, then
// each enclosing one up to the root.
function resolve(location, name) {
  const parts = location ? location.split("/node_modules/") : [];
  for (let depth = parts.length; depth >= 0; depth -= 1) {
    const base = parts.slice(0, depth).join("/node_modules/");
    const at = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (lock.packages[at] || depth === 0) return at;
  }
  return `node_modules/${name}`;
}

for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (!name.startsWith(PREFIX)) continue;
    if (lock.packages[resolve(location, name)]?.version === version) continue;
    const [os, cpu] = PLATFORMS[name.slice(PREFIX.length)] ?? [];
    if (!os) throw new Error(`unknown workerd platform package ${name}`);
    // Beside the Linux build npm did install for this same workerd.
    const sibling = resolve(location, `${PREFIX}linux-64`);
    const target = `${sibling.slice(0, -`${PREFIX}linux-64`.length)}${name}`;
    missing.push(target);
    lock.packages[target] = {
      version,
      cpu: [cpu],
      dev: true,
      license: "Apache-2.0",
      optional: true,
      os: [os],
      engines: { node: ">=16" },
    };
  }
}

if (process.argv.includes("--check")) {
  if (missing.length > 0) {
    console.error(`package-lock.json lacks ${missing.join(", ")}; run node scripts/lockfile.mjs`);
    process.exit(1);
  }
} else if (missing.length > 0) {
  const sorted = Object.keys(lock.packages).sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
  lock.packages = Object.fromEntries(sorted.map((key) => [key, lock.packages[key]]));
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`restored ${missing.length} lockfile entries`);
}
