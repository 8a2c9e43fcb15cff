// The reference comparison, route by route, against a running `npm run dev`: claim, create task,
// browse (uncached and cached pages) and health at 10 concurrent clients, a fixed number of
// requests per point, with throughput, latency and the workerd processes' CPU time per request;
// then one client (claim p50 against health p50); then claims and health through `wrangler
// dev`'s proxy in the same run. The Worker's own socket (no proxy) is found by itself
// (see directUrl in lib.mjs), so nothing needs to be looked up by hand.
//
// Usage: npm run dev -- --var RATE_LIMIT_PER_MINUTE:1000000000   (terminal 1)
//        npm run bench:routes -- [--requests 600] [--clients 10] [--tasks 10000]
// With `npm run dev -- --persist-to DIR`, set TASKHIVE_PERSIST=DIR so the seeding finds its D1.
import { mkdirSync, writeFileSync } from "node:fs";
import {
  agentOf,
  arg,
  BASE,
  directUrl,
  drive,
  must,
  outcome,
  person,
  pool,
  request,
  seedTasks,
  taskCount,
  unique,
  useTarget,
  waitForHealth,
} from "./lib.mjs";

const REQUESTS = arg("--requests", 600);
const CLIENTS = arg("--clients", 10);
const TASKS = arg("--tasks", 10_000);

const TASK_BODY = { description: "A benchmark task with a long enough description.", budget_credits: 100 };

async function postTasks(poster, count) {
  const ids = [];
  await pool(count, CLIENTS, async () => {
    const r = await must(201, "POST", "/api/v1/tasks", { cookie: poster.cookie, body: { title: unique("Bench task"), ...TASK_BODY } });
    ids.push(r.json.data.id);
  });
  return ids;
}

/** Claims on distinct tasks, spread over one agent per client (as independent workers would be). */
function claims(agents, taskIds) {
  return async (i) => {
    const r = await request("POST", `/api/v1/tasks/${taskIds[i]}/claims`, {
      key: agents[i % agents.length].key,
      body: { proposed_credits: 90, message: "Bench claim" },
    });
    return outcome(r, 201);
  };
}

/**
 * Each client walks the open tasks by cursor with its own page size, so no two requests ask for
 * the same page: every one misses the page cache.
 */
function cursorWalks(agents) {
  const cursors = new Map();
  return async (_, client) => {
    const cursor = cursors.get(client);
    const path = `/api/v1/tasks?limit=${20 + client}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const r = await request("GET", path, { key: agents[client % agents.length].key });
    cursors.set(client, r.json?.meta?.cursor ?? null);
    return outcome(r, 200);
  };
}

await waitForHealth();
const seeded = seedTasks(TASKS, (await person("Routes bench seeder")).id);
// Everything else after seeding: writing to the local database beside the running server can
// restart its runtime (on a new port, with what it had not yet written lost).
await new Promise((resolve) => setTimeout(resolve, 3000));
await waitForHealth();
const direct = await directUrl(BASE);
console.log(`proxy ${BASE}, the Worker's own socket ${direct}`);
const poster = await person("Routes bench poster");
const workers = await person("Routes bench operator");
const agents = [];
for (let i = 0; i < CLIENTS; i++) agents.push(await agentOf(workers));
console.log(`tasks in D1: ${taskCount()} (${seeded} seeded now); posting ${REQUESTS * 2 + 100} tasks to claim`);
useTarget(direct);
const claimable = await postTasks(poster, REQUESTS * 2 + 100);

const points = [
  ["health", () => async () => outcome(await request("GET", "/api/v1/health"), 200)],
  ["claim", () => claims(agents, claimable.slice(0, REQUESTS))],
  [
    "create task",
    () => async (i) =>
      outcome(
        await request("POST", "/api/v1/tasks", { key: agents[i % agents.length].key, body: { title: `Bench create ${i}`, ...TASK_BODY } }),
        201,
      ),
  ],
  ["browse, uncached page", () => cursorWalks(agents)],
  [
    "browse, cached page",
    () => async (i) => outcome(await request("GET", "/api/v1/tasks?limit=20", { key: agents[i % agents.length].key }), 200),
  ],
];

const rows = [];
for (const [name, make] of points) {
  const r = await drive(name, CLIENTS, REQUESTS, make());
  rows.push({ name, ...r });
  console.log(
    `  ${name}: ${r.perSecond.toFixed(0)}/s p95 ${r.p95.toFixed(1)} ms, ${r.cpuPerRequest.toFixed(2)} ms CPU/request, ${r.errors} errors`,
  );
}

// One client: a claim's latency against the runtime's floor.
const soloHealth = await drive("health", 1, 200, async () => outcome(await request("GET", "/api/v1/health"), 200));
const soloClaim = await drive("claim", 1, 100, claims(agents, claimable.slice(REQUESTS, REQUESTS + 100)));

// Through the proxy that `npm run dev` puts in front, in the same run.
useTarget(BASE);
const proxyHealth = await drive("health", CLIENTS, REQUESTS, async () => outcome(await request("GET", "/api/v1/health"), 200));
const proxyClaim = await drive("claim", CLIENTS, REQUESTS, claims(agents, claimable.slice(REQUESTS + 100)));

const f = (n) => n.toFixed(1);
const report = [
  `## Routes at ${CLIENTS} concurrent clients, ${REQUESTS} requests each, the Worker's own socket (${new Date().toISOString()})`,
  "",
  `${taskCount()} tasks in D1.`,
  "",
  "| route | requests/s | p50 ms | p95 ms | p99 ms | CPU ms/request | errors |",
  "|---|---|---|---|---|---|---|",
  ...rows.map(
    (r) => `| ${r.name} | ${f(r.perSecond)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${r.cpuPerRequest.toFixed(2)} | ${r.errors} |`,
  ),
  "",
  `One client: claim p50 ${f(soloClaim.p50)} ms, health p50 ${f(soloHealth.p50)} ms (${(soloClaim.p50 / soloHealth.p50).toFixed(2)}×).`,
  `Through npm run dev's proxy: claims ${f(proxyClaim.perSecond)}/s (p95 ${f(proxyClaim.p95)} ms), health ` +
    `${f(proxyHealth.perSecond)}/s; claims at ${(proxyClaim.perSecond / proxyHealth.perSecond).toFixed(2)}× health.`,
].join("\n");
console.log(`\n${report}\n`);
mkdirSync("bench/results", { recursive: true });
writeFileSync(`bench/results/routes-${Date.now()}.md`, `${report}\n`);
