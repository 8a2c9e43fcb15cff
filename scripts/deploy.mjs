// `npm run deploy`: a first deploy from an empty Cloudflare account, and every deploy after it,
// in one command. Reads wrangler.toml (scripts/deploy/plan.mjs), creates whatever it names that
// does not exist yet (the D1 database, every queue and dead-letter queue), applies the pending
// D1 migrations, deploys, then checks that ENCRYPTION_KEY is set. Idempotent: a second run
// creates nothing and applies no migration. Migrations run before the deploy so a new Worker
// never serves against an older schema (docs/decisions.md, 26).
// `npm run deploy -- --dry-run` prints the plan and calls nothing.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";
import { describePlan, migrationsIn, planDeploy } from "./deploy/plan.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const shell = process.platform === "win32";

function fail(message) {
  console.error(`npm run deploy: ${message}`);
  process.exit(1);
}

/** Runs wrangler with no terminal input (so it never waits on a prompt); `capture` keeps stdout. */
function wrangler(args, { capture = false } = {}) {
  const result = spawnSync("wrangler", args, {
    cwd: ROOT,
    shell,
    encoding: "utf8",
    stdio: ["ignore", capture ? "pipe" : "inherit", capture ? "pipe" : "inherit"],
  });
  if (result.error) fail(`could not run wrangler: ${result.error.message}`);
  return { status: result.status ?? 1, output: `${result.stdout ?? ""}${result.stderr ?? ""}`, stdout: result.stdout ?? "" };
}

function mustSucceed(args, what) {
  const result = wrangler(args);
  if (result.status !== 0) fail(`${what} failed (wrangler ${args.join(" ")}); nothing after it ran`);
}

/** The JSON a wrangler command printed (it may print notices around it). */
function jsonOf(stdout, what) {
  const start = stdout.search(/[[{]/);
  try {
    return JSON.parse(stdout.slice(start));
  } catch {
    fail(`could not read ${what} from wrangler's answer:\n${stdout}`);
  }
}

function ensureDatabases(plan) {
  const listed = wrangler(["d1", "list", "--json"], { capture: true });
  if (listed.status !== 0) fail(`could not list D1 databases (are you logged in? npx wrangler login):\n${listed.output}`);
  const existing = new Set(jsonOf(listed.stdout, "the D1 databases").map((db) => db.name));
  for (const db of plan.databases) {
    if (existing.has(db.name)) console.log(`D1 database "${db.name}" exists`);
    else mustSucceed(["d1", "create", db.name], `creating D1 database "${db.name}"`);
  }
}

function ensureQueues(plan) {
  for (const queue of plan.queues) {
    const info = wrangler(["queues", "info", queue], { capture: true });
    if (info.status === 0) console.log(`queue "${queue}" exists`);
    else if (/does not exist/i.test(info.output)) mustSucceed(["queues", "create", queue], `creating queue "${queue}"`);
    else fail(`could not look up queue "${queue}":\n${info.output}`);
  }
}

function checkSecrets(plan) {
  const listed = wrangler(["secret", "list", "--format", "json"], { capture: true });
  if (listed.status !== 0) return console.warn(`Could not list the Worker's secrets; check that ${plan.secrets.join(", ")} is set.`);
  const names = new Set(jsonOf(listed.stdout, "the secrets").map((secret) => secret.name));
  for (const secret of plan.secrets.filter((name) => !names.has(name))) {
    console.warn(
      `\n${secret} is not set: storing LLM keys and registering webhooks answer 503 until it is, and /api/v1/health says so.\n` +
        `Set it once (64 hex characters), e.g.:  openssl rand -hex 32 | npx wrangler secret put ${secret}\n`,
    );
  }
}

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--dry-run");
if (unknown.length > 0) fail(`unknown argument ${unknown.join(" ")} (only --dry-run is accepted)`);

let plan;
try {
  plan = planDeploy(parse(readFileSync(new URL("../wrangler.toml", import.meta.url), "utf8")), migrationsIn(ROOT));
} catch (error) {
  fail(error.message);
}
console.log(`Deploy plan, from wrangler.toml:\n${describePlan(plan).join("\n")}`);
if (args.includes("--dry-run")) {
  console.log("Dry run: nothing was created, migrated or deployed.");
  process.exit(0);
}

ensureDatabases(plan);
ensureQueues(plan);
for (const db of plan.databases) mustSucceed(["d1", "migrations", "apply", db.binding, "--remote"], `migrating D1 database "${db.name}"`);
mustSucceed(["deploy"], "wrangler deploy");
checkSecrets(plan);
console.log("Deployed.");
