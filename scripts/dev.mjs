// `npm run dev`: make sure `.dev.vars` switches the local Worker to development and holds an
// ENCRYPTION_KEY (scripts/dev-vars.mjs), apply the local D1 migrations, then serve with
// `wrangler dev` (extra arguments go to wrangler dev, e.g. `npm run dev -- --var
// RATE_LIMIT_PER_MINUTE:1000`). The migrations run with no terminal attached, so wrangler applies
// them without asking for confirmation: the local database is the developer's own.
// `--persist-to <dir>` goes to both steps, so the migrations land in the same local state the
// server then uses (the browser tests use a fresh one).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { completeDevVars } from "./dev-vars.mjs";

const shell = process.platform === "win32";
const args = process.argv.slice(2);
const DEV_VARS = new URL("../.dev.vars", import.meta.url);
const EXAMPLE = new URL("../.dev.vars.example", import.meta.url);

/** The `--persist-to` among the arguments (`--persist-to dir` or `--persist-to=dir`), as given. */
function persistTo(argv) {
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--persist-to" && argv[i + 1] !== undefined) return [argv[i], argv[i + 1]];
    if (argv[i]?.startsWith("--persist-to=")) return [argv[i]];
  }
  return [];
}

const current = existsSync(DEV_VARS) ? readFileSync(DEV_VARS, "utf8") : null;
const { text, changes } = completeDevVars(current, readFileSync(EXAMPLE, "utf8"), randomBytes(32).toString("hex"));
if (changes.length > 0) {
  writeFileSync(DEV_VARS, text, { mode: 0o600 });
  for (const change of changes) console.log(`npm run dev: ${change}`);
}

const migrate = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", ...persistTo(args)], {
  stdio: ["ignore", "inherit", "inherit"],
  shell,
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const dev = spawn("wrangler", ["dev", ...args], { stdio: "inherit", shell });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
