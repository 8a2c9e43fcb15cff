// The core loop under load, against a running `npm run dev` (http://127.0.0.1:8787).
//
// Phase 1: N simulated agents (default 100) run the whole loop at once, each on its own
// tasks: browse, claim, the poster accepts, deliver, the poster accepts the deliverable.
// GET /api/v1/health is measured in the same run as the baseline for the Worker's own cost.
// Phase 2: the reference comparison: 10 concurrent clients doing only browses, then only
// claims, for a fixed time each; throughput and latency.
//
// Usage: npm run dev   (in another terminal), then   npm run bench -- [--agents 100] [--rounds 3] [--seconds 10]
import { mkdirSync, writeFileSync } from "node:fs";
import {
  agentOf,
  arg,
  hammer,
  must,
  percentileTable,
  person,
  pool,
  Recorder,
  request,
  unique,
  waitForHealth,
  workerdRssMiB,
} from "./lib.mjs";

const AGENTS = arg("--agents", 100);
const ROUNDS = arg("--rounds", 3);
const SECONDS = arg("--seconds", 10);
const CLIENTS = arg("--clients", 10);

async function postTasks(poster, count) {
  const ids = [];
  await pool(count, 20, async () => {
    const r = await must(201, "POST", "/api/v1/tasks", {
      cookie: poster.cookie,
      body: { title: unique("Bench task"), description: "A benchmark task with a long enough description.", budget_credits: 100 },
    });
    ids.push(r.json.data.id);
  });
  return ids;
}

function sampleMemory() {
  const samples = [workerdRssMiB()];
  const timer = setInterval(() => samples.push(workerdRssMiB()), 200);
  return () => {
    clearInterval(timer);
    return { start: samples[0], peak: Math.max(...samples), end: samples.at(-1) };
  };
}

async function timed(recorder, name, expected, method, path, options) {
  const r = await request(method, path, options);
  if (r.status === expected) recorder.add(name, r.ms);
  else recorder.fail(name, `${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
  return r;
}

async function phaseOne() {
  console.log(`phase 1: ${AGENTS} agents × ${ROUNDS} rounds of the whole loop`);
  const poster = await person("Bench poster");
  const agents = [];
  await pool(AGENTS, 20, async () => agents.push(await agentOf(await person("Bench operator"))));
  const tasks = await postTasks(poster, AGENTS * ROUNDS);
  const recorder = new Recorder();
  const memory = sampleMemory();
  const started = performance.now();
  await Promise.all(
    agents.map(async (agent, a) => {
      for (let round = 0; round < ROUNDS; round++) {
        const taskId = tasks[a * ROUNDS + round];
        await timed(recorder, "health", 200, "GET", "/api/v1/health");
        await timed(recorder, "browse", 200, "GET", "/api/v1/tasks?limit=20", { key: agent.key });
        const bid = await timed(recorder, "claim", 201, "POST", `/api/v1/tasks/${taskId}/claims`, {
          key: agent.key,
          body: { proposed_credits: 90, message: "bench" },
        });
        if (bid.status !== 201) continue;
        const accepted = await timed(recorder, "accept_claim", 200, "POST", `/api/v1/tasks/${taskId}/claims/${bid.json.data.id}/accept`, {
          cookie: poster.cookie,
        });
        if (accepted.status !== 200) continue;
        const work = await timed(recorder, "deliver", 201, "POST", `/api/v1/tasks/${taskId}/deliverables`, {
          key: agent.key,
          body: { content: "Benchmark deliverable content." },
        });
        if (work.status !== 201) continue;
        await timed(recorder, "accept_deliverable", 200, "POST", `/api/v1/tasks/${taskId}/deliverables/${work.json.data.id}/accept`, {
          cookie: poster.cookie,
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const mem = memory();
  const names = ["health", "browse", "claim", "accept_claim", "deliver", "accept_deliverable"];
  const total = names.reduce((n, name) => n + recorder.summary(name).count, 0);
  return { recorder, names, seconds, total, mem };
}

async function phaseTwo() {
  console.log(`phase 2: ${CLIENTS} concurrent clients, ${SECONDS} s of browses, then ${SECONDS} s of claims`);
  const poster = await person("Bench poster 2");
  const agents = [];
  await pool(CLIENTS, CLIENTS, async () => agents.push(await agentOf(await person("Bench claimer"))));
  // Enough open tasks that each client claims a fresh one every time for the whole phase.
  const tasks = await postTasks(poster, Math.max(200, SECONDS * 150));
  const memory = sampleMemory();
  const browse = await hammer("browse", CLIENTS, SECONDS, async (c) => {
    const r = await request("GET", "/api/v1/tasks?limit=20", { key: agents[c].key });
    return { ok: r.status === 200, ms: r.ms, detail: r.status };
  });
  const claims = await hammer("claim", CLIENTS, SECONDS, async (c, i) => {
    const taskId = tasks[i];
    if (taskId === undefined) return null;
    const r = await request("POST", `/api/v1/tasks/${taskId}/claims`, { key: agents[c].key, body: { proposed_credits: 50 } });
    return { ok: r.status === 201, ms: r.ms, detail: `${r.status} ${JSON.stringify(r.json).slice(0, 120)}` };
  });
  return { browse, claims, mem: memory() };
}

await waitForHealth();
const one = await phaseOne();
const two = await phaseTwo();

const fmt = (n) => n.toFixed(1);
const report = [
  `## Core loop, ${AGENTS} concurrent agents × ${ROUNDS} rounds (${new Date().toISOString()})`,
  "",
  percentileTable(one.recorder, one.names, "health"),
  "",
  `${one.total} requests in ${fmt(one.seconds)} s (${fmt(one.total / one.seconds)} req/s). workerd RSS: ${fmt(one.mem.start)} → peak ${fmt(one.mem.peak)} MiB.`,
  "",
  `## ${CLIENTS} concurrent clients, ${SECONDS} s each`,
  "",
  "| workload | requests/s | p50 ms | p95 ms | p99 ms | errors |",
  "|---|---|---|---|---|---|",
  `| browse (GET /api/v1/tasks) | ${fmt(two.browse.perSecond)} | ${fmt(two.browse.p50)} | ${fmt(two.browse.p95)} | ${fmt(two.browse.p99)} | ${two.browse.errors} |`,
  `| claim (POST /api/v1/tasks/:id/claims) | ${fmt(two.claims.perSecond)} | ${fmt(two.claims.p50)} | ${fmt(two.claims.p95)} | ${fmt(two.claims.p99)} | ${two.claims.errors} |`,
  "",
  `workerd RSS during phase 2: ${fmt(two.mem.start)} → peak ${fmt(two.mem.peak)} MiB.`,
].join("\n");

console.log(`\n${report}\n`);
mkdirSync("bench/results", { recursive: true });
writeFileSync(`bench/results/core-loop-${Date.now()}.md`, `${report}\n`);
