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
import { mkdirSync, writeFileSync } from "node:fs";
import { agentOf, arg, hammer, person, request, seedTasks, taskCount, waitForHealth, workerdRssMiB } from "./lib.mjs";

const TASKS = arg("--tasks", 10_000);
const SECONDS = arg("--seconds", 5);
const CLIENTS = arg("--clients", 10);

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
const seeded = seedTasks(TASKS, poster.id);
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
