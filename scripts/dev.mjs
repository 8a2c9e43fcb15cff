// `npm run dev`: apply the local D1 migrations, then serve with `wrangler dev` (extra arguments
// go to wrangler dev, e.g. `npm run dev -- --var RATE_LIMIT_PER_MINUTE:1000`). The migrations run
// with no terminal attached, so wrangler applies them without asking for confirmation: the local
// database is the developer's own. `--persist-to <dir>` goes to both steps, so the migrations
// land in the same local state the server then uses (the browser tests use a fresh one).
import { spawn, spawnSync } from "node:child_process";

const shell = process.platform === "win32";
const args = process.argv.slice(2);

/** The `--persist-to` among the arguments (`--persist-to dir` or `--persist-to=dir`), as given. */
function persistTo(argv) {
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--persist-to" && argv[i + 1] !== undefined) return [argv[i], argv[i + 1]];
    if (argv[i]?.startsWith("--persist-to=")) return [argv[i]];
  }
  return [];
}

const migrate = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", ...persistTo(args)], {
  stdio: ["ignore", "inherit", "inherit"],
  shell,
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const dev = spawn("wrangler", ["dev", ...args], { stdio: "inherit", shell });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
