// `npm run dev`: apply the local D1 migrations, then serve with `wrangler dev` (extra arguments
// go to wrangler dev, e.g. `npm run dev -- --var RATE_LIMIT_PER_MINUTE:1000`). The migrations run
// with no terminal attached, so wrangler applies them without asking for confirmation: the local
// database is the developer's own.
import { spawn, spawnSync } from "node:child_process";

const shell = process.platform === "win32";
const migrate = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local"], { stdio: ["ignore", "inherit", "inherit"], shell });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const dev = spawn("wrangler", ["dev", ...process.argv.slice(2)], { stdio: "inherit", shell });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
