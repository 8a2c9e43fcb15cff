// Reads at scale, against a running `npm run dev`: browse over 10,000 tasks (each sort, with and
// without filters, first pages and deep cursor walks), full-text search, and the cost of the
// per-caller admission (authentication + exact rate limit) beside the runtime's floor, all in
// one run at 10 concurrent clients.
//
// Seeding: the tasks are written straight into the local D1 projection with
// `wrangler d1 execute --local` (10,000 API calls would take minutes). They are read-only rows
// with no TaskRoom (the bench never acts on them), and the task id sequence is moved past them.
//
// Usage: npm run dev -- --var RATE_LIMIT_PER_MINUTE:1000000000   (terminal 1)
//        npm run bench:browse -- [--tasks 10000] [--seconds 5] [--clients 10]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { agentOf, arg, hammer, person, request, waitForHealth, workerdRssMiB } from "./lib.mjs";

const TASKS = arg("--tasks", 10_000);
const SECONDS = arg("--seconds", 5);
const CLIENTS = arg("--clients", 10);

const VERBS = ["Summarise", "Translate", "Review", "Write", "Analyse", "Design", "Test", "Research", "Clean", "Document"];
const THINGS = [
  "research papers",
  "product docs",
  "a python script",
  "a sales dataset",
  "an API",
  "a logo",
  "unit tests",
  "a market report",
  "survey results",
  "release notes",
];
const EXTRAS = ["in German", "for beginners", "with charts", "under 500 words", "as markdown", "with sources", "for mobile", "in French"];

function d1(args) {
  return execFileSync("wrangler", ["d1", "execute", "DB", "--local", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function taskCount() {
  const out = d1(["--json", "--command", "SELECT count(*) AS n FROM tasks"]);
  return JSON.parse(out)[0].results[0].n;
}

/** Seeds up to TASKS tasks in 100-row statements (D1 caps a statement at 100 KB). */
function seed(posterId) {
  const missing = TASKS - taskCount();
  if (missing <= 0) return 0;
  const dir = mkdtempSync(join(tmpdir(), "taskhive-seed-"));
  try {
    const statements = [];
    const now = new Date().toISOString();
    for (let done = 0; done < missing; done += 100) {
      const rows = [];
      for (let i = done; i < Math.min(missing, done + 100); i++) {
        const title = `${VERBS[i % 10]} ${THINGS[Math.floor(i / 10) % 10]} ${EXTRAS[i % 8]}`;
        const description = `Seeded benchmark task ${i}: ${title.toLowerCase()}, delivered as text with a short summary.`;
        const status = i % 7 === 0 ? "completed" : "open";
        rows.push(
          `(${posterId}, '${title}', '${description}', ${10 + ((i * 7919) % 4990)}, ${1 + (i % 7)}, '${status}', 2, 0, 0, '${now}', '${now}')`,
        );
      }
      statements.push(
        "INSERT INTO tasks (poster_id, title, description, budget_credits, category_id, status, max_revisions, auto_review_enabled, version, created_at, updated_at) VALUES\n" +
          rows.join(",\n") +
          ";",
      );
    }
    // Seeded rows have no TaskRoom (the bench only reads them); tasks created later must not reuse their ids.
    statements.push("UPDATE id_sequences SET value = max(value, (SELECT max(id) FROM tasks)) WHERE name = 'tasks';");
    const file = join(dir, "seed.sql");
    writeFileSync(file, statements.join("\n"));
    d1(["--yes", "--file", file]);
    return missing;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const get = (path, key) => async () => {
  const r = await request("GET", path, { key });
  return { ok: r.status === 200, ms: r.ms, detail: `${r.status} ${JSON.stringify(r.json).slice(0, 160)}` };
};

/** Each client walks pages by cursor, so nearly every request is a fresh page (a cache miss). */
function walk(path, key) {
  const cursors = new Map();
  return async (client) => {
    const cursor = cursors.get(client);
    const r = await request("GET", cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path, { key });
    cursors.set(client, r.json?.meta?.cursor ?? null);
    return { ok: r.status === 200, ms: r.ms, detail: `${r.status}` };
  };
}

await waitForHealth();
const poster = await person("Browse bench poster");
const seeded = seed(poster.id);
const agent = await agentOf(await person("Browse bench agent"));
const total = taskCount();
console.log(`tasks in D1: ${total} (${seeded} seeded now); ${CLIENTS} clients, ${SECONDS} s per workload`);

const filters = "category=3&min_budget=100&max_budget=2000";
const workloads = [
  ["health (no auth, no storage)", get("/api/v1/health")],
  ["categories (admission only: auth + rate limit)", get("/api/v1/categories", agent.key)],
  ...["newest", "oldest", "budget_high", "budget_low"].flatMap((sort) => [
    [`browse sort=${sort}`, get(`/api/v1/tasks?sort=${sort}&limit=20`, agent.key)],
    [`browse sort=${sort} + ${filters}`, get(`/api/v1/tasks?sort=${sort}&${filters}&limit=20`, agent.key)],
  ]),
  ["browse cursor walk, sort=newest (uncached pages)", walk("/api/v1/tasks?sort=newest&limit=20", agent.key)],
  ["browse cursor walk, sort=budget_high + filters", walk(`/api/v1/tasks?sort=budget_high&${filters}&limit=20`, agent.key)],
  ["search q=translate", get("/api/v1/tasks/search?q=translate&limit=20", agent.key)],
  ["search q=python script", get("/api/v1/tasks/search?q=python%20script&limit=20", agent.key)],
  ["search cursor walk, q=report", walk("/api/v1/tasks/search?q=report&limit=20", agent.key)],
];

const rows = [];
const memory = [workerdRssMiB()];
for (const [name, step] of workloads) {
  const s = await hammer(name, CLIENTS, SECONDS, step);
  memory.push(workerdRssMiB());
  rows.push({ name, ...s });
  console.log(`  ${name}: ${s.perSecond.toFixed(0)}/s p95 ${s.p95.toFixed(1)} ms`);
}

const f = (n) => n.toFixed(1);
const health = rows[0];
const admission = rows[1];
const report = [
  `## Reads over ${total} tasks, ${CLIENTS} concurrent clients, ${SECONDS} s each (${new Date().toISOString()})`,
  "",
  "| workload | requests/s | p50 ms | p95 ms | p99 ms | errors |",
  "|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.name} | ${f(r.perSecond)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${r.errors} |`),
  "",
  `Admission (authentication and the exact rate limit, one Durable Object call): ` +
    `${f(admission.p50 - health.p50)} ms at p50, ${f(admission.p95 - health.p95)} ms at p95 over health, ` +
    `throughput ${f(admission.perSecond)} vs ${f(health.perSecond)} requests/s.`,
  `workerd RSS: ${f(memory[0])} MiB at the start, ${f(Math.max(...memory))} MiB peak.`,
].join("\n");
console.log(`\n${report}\n`);
mkdirSync("bench/results", { recursive: true });
writeFileSync(`bench/results/browse-${Date.now()}.md`, `${report}\n`);
