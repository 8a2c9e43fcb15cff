// `npm run deploy` against a fake Cloudflare account (test/scripts/fake-wrangler): a first deploy
// from an empty account creates exactly what wrangler.toml names and works; a second run changes
// nothing; a failing step stops everything after it; `--dry-run` prints the plan and calls nothing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { planDeploy, type WranglerConfig } from "../../scripts/deploy/plan.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FAKE_BIN = fileURLToPath(new URL("./fake-wrangler", import.meta.url));
const CONFIG = parse(readFileSync(join(ROOT, "wrangler.toml"), "utf8")) as WranglerConfig;

interface Account {
  databases: string[];
  queues: string[];
  migrations: Record<string, string[]>;
  deployments: { environment: string; migrationsAtDeploy: Record<string, string[]> }[];
  secrets: string[];
  calls: string[][];
}

function emptyAccount(): string {
  const file = join(mkdtempSync(join(tmpdir(), "taskhive-deploy-")), "account.json");
  const account: Account = { databases: [], queues: [], migrations: {}, deployments: [], secrets: [], calls: [] };
  writeFileSync(file, JSON.stringify(account));
  return file;
}

const accountIn = (file: string): Account => JSON.parse(readFileSync(file, "utf8"));

function deploy(account: string, args: string[] = [], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["scripts/deploy.mjs", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PATH: `${FAKE_BIN}${delimiter}${process.env.PATH}`, FAKE_CF_STATE: account, ...extraEnv },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const creates = (account: Account) => account.calls.filter((call) => call[1] === "create").map((call) => `${call[0]} ${call[2]}`);
const MIGRATIONS =
  readFileSync(join(ROOT, "migrations/meta/_journal.json"), "utf8")
    .match(/"tag": "[^"]+"/g)
    ?.map((t) => `${t.slice(8, -1)}.sql`) ?? [];

describe("the deploy plan", () => {
  it("names every queue and dead-letter queue and the D1 database of wrangler.toml, each once", () => {
    const plan = planDeploy(CONFIG, () => []);
    const producers = (CONFIG.queues?.producers ?? []).map((p) => p.queue);
    const consumers = (CONFIG.queues?.consumers ?? []).flatMap((c) => [c.queue, c.dead_letter_queue ?? []].flat());
    expect(new Set(plan.queues)).toEqual(new Set([...producers, ...consumers]));
    expect(plan.queues).toHaveLength(new Set(plan.queues).size);
    expect(plan.queues).toHaveLength(8);
    expect(plan.databases.map((d) => d.name)).toEqual(["taskhive"]);
  });

  it("refuses a configuration that is not production", () => {
    expect(() => planDeploy({ ...CONFIG, vars: { ...CONFIG.vars, ENVIRONMENT: "development" } }, () => [])).toThrow(
      /ships only "production"/,
    );
    expect(() => planDeploy({ ...CONFIG, vars: {} }, () => [])).toThrow(/ENVIRONMENT = undefined/);
  });
});

describe("npm run deploy", () => {
  it("--dry-run prints what would be created, migrated and deployed, and calls nothing", () => {
    const account = emptyAccount();
    const run = deploy(account, ["--dry-run"]);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain('ensure D1 database "taskhive" exists');
    for (const queue of planDeploy(CONFIG, () => []).queues) expect(run.output).toContain(`ensure queue "${queue}" exists`);
    expect(run.output).toContain(`migrations of "taskhive" from ./migrations (${MIGRATIONS.length}:`);
    expect(run.output).toContain('wrangler deploy: Worker "taskhive" with ENVIRONMENT = "production"');
    expect(run.output).toContain("Dry run: nothing was created, migrated or deployed.");
    expect(accountIn(account).calls).toEqual([]);
  });

  it("works on an empty account: creates every resource, migrates, then deploys production", () => {
    const account = emptyAccount();
    const run = deploy(account);
    expect(run.status, run.output).toBe(0);
    const after = accountIn(account);
    expect(creates(after).sort()).toEqual(["d1 taskhive", ...planDeploy(CONFIG, () => []).queues.map((q) => `queues ${q}`)].sort());
    expect(after.migrations).toEqual({ taskhive: MIGRATIONS });
    // The Worker is deployed once, after every migration: it never serves an older schema.
    expect(after.deployments).toEqual([{ environment: "production", migrationsAtDeploy: { taskhive: MIGRATIONS } }]);
    expect(run.output).toMatch(/ENCRYPTION_KEY is not set.*\n.*openssl rand -hex 32 \| npx wrangler secret put ENCRYPTION_KEY/);
  });

  it("changes nothing on a second run but the deploy itself", () => {
    const account = emptyAccount();
    expect(deploy(account).status).toBe(0);
    const first = accountIn(account);
    writeFileSync(account, JSON.stringify({ ...first, secrets: ["ENCRYPTION_KEY"], calls: [] }));
    const run = deploy(account);
    expect(run.status, run.output).toBe(0);
    const second = accountIn(account);
    expect(creates(second)).toEqual([]);
    expect(second.databases).toEqual(first.databases);
    expect(second.queues).toEqual(first.queues);
    expect(second.migrations).toEqual(first.migrations);
    expect(second.deployments).toHaveLength(2);
    expect(run.output).not.toMatch(/is not set/);
  });

  it("stops at a failing step: nothing after it runs, and it says what failed", () => {
    const account = emptyAccount();
    const run = deploy(account, [], { FAKE_CF_FAIL: "queues create" });
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/creating queue "taskhive-events" failed/);
    const after = accountIn(account);
    expect(after.migrations).toEqual({});
    expect(after.deployments).toEqual([]);
  });

  it("refuses unknown arguments before calling anything", () => {
    const account = emptyAccount();
    const run = deploy(account, ["--force"]);
    expect(run.status).toBe(1);
    expect(run.output).toContain("unknown argument --force");
    expect(accountIn(account).calls).toEqual([]);
  });
});
