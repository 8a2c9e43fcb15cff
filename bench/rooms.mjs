// What a task's room costs on its first touch after a rest, against a running `npm run dev`, on
// the Worker's own socket: claims on tasks whose rooms were just created (still in memory)
// against claims on tasks whose rooms have sat idle for `--idle` seconds (the runtime has
// evicted them, so each claim starts its object and opens its storage again). Each at 10
// clients (throughput, p95, CPU per claim) and at one client (p50 against the health route's).
//
// Usage: npm run dev -- --var RATE_LIMIT_PER_MINUTE:1000000000   (terminal 1)
//        npm run bench:rooms -- [--requests 600] [--idle 90]
import { mkdirSync, writeFileSync } from "node:fs";
import { agentOf, arg, directUrl, drive, must, outcome, person, pool, request, unique, useTarget, waitForHealth } from "./lib.mjs";

const REQUESTS = arg("--requests", 600);
const IDLE_S = arg("--idle", 90);
const SOLO = 100;
const TASK_BODY = { description: "A task whose room the rooms bench claims.", budget_credits: 100 };

async function postTasks(poster, n) {
  const ids = [];
  await pool(n, 10, async () => {
    const r = await must(201, "POST", "/api/v1/tasks", {
      cookie: poster.cookie,
      body: { title: unique("Rooms bench task"), ...TASK_BODY },
    });
    ids.push(r.json.data.id);
  });
  return ids;
}

function claims(agents, taskIds) {
  return async (i, lane) =>
    outcome(await request("POST", `/api/v1/tasks/${taskIds[i]}/claims`, { key: agents[lane].key, body: { proposed_credits: 90 } }), 201);
}

/** Claims at 10 clients, then at one, on tasks posted just now or `idle` seconds ago. */
async function measure(label, poster, agents, idle) {
  const tasks = await postTasks(poster, REQUESTS + SOLO);
  if (idle > 0) await new Promise((resolve) => setTimeout(resolve, idle * 1000));
  const many = await drive(label, agents.length, REQUESTS, claims(agents, tasks.slice(0, REQUESTS)));
  const one = await drive(label, 1, SOLO, claims(agents, tasks.slice(REQUESTS)));
  return { label, many, one };
}

await waitForHealth();
useTarget(await directUrl());
const poster = await person("Rooms bench poster");
const operator = await person("Rooms bench operator");
const agents = [];
for (let i = 0; i < 10; i++) agents.push(await agentOf(operator));

const health = await drive("health", 1, 200, async () => outcome(await request("GET", "/api/v1/health"), 200));
const warm = await measure("rooms just created", poster, agents, 0);
const cold = await measure(`rooms idle ${IDLE_S} s`, poster, agents, IDLE_S);

const f = (n) => n.toFixed(1);
const report = [
  `## Claims on warm and cold rooms (${new Date().toISOString()}), the Worker's own socket`,
  "",
  "| rooms | 10 clients: claims/s | p95 ms | CPU ms per claim | one client: p50 ms | ÷ health p50 |",
  "|---|---|---|---|---|---|",
  ...[warm, cold].map(
    (r) =>
      `| ${r.label} | ${f(r.many.perSecond)} | ${f(r.many.p95)} | ${r.many.cpuPerRequest.toFixed(2)} | ${f(r.one.p50)} | ` +
      `${(r.one.p50 / health.p50).toFixed(1)}× |`,
  ),
  "",
  `Health at one client: p50 ${f(health.p50)} ms. Errors: ${warm.many.errors + warm.one.errors + cold.many.errors + cold.one.errors}.`,
].join("\n");
console.log(`\n${report}\n`);
mkdirSync("bench/results", { recursive: true });
writeFileSync(`bench/results/rooms-${Date.now()}.md`, `${report}\n`);
process.exit(0);
