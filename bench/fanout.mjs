// Fan-out of events, against a running `npm run dev`:
// 1. 1,000 WebSocket listeners on one task; 2. 1,000 spread over 100 tasks (10 each). Each
//    listener measures the time from the moment a state change is requested to the moment its
//    event arrives (p50/p95/p99 over every listener and every change; the next change is
//    requested once every listener heard the last). Also: how long each change took to answer
//    its caller, and the CPU the runtime and this client spent per delivered event.
// 3. Webhook throughput: one agent with a webhook on claim.created bids on N tasks; a local
//    receiver counts deliveries until all N arrived.
//
// Usage: npm run dev -- --var RATE_LIMIT_PER_MINUTE:1000000000   (terminal 1)
//        npm run bench:fanout -- [--listeners 1000] [--tasks 100] [--changes 3] [--webhooks 200] [--proxy]
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import {
  agentOf,
  arg,
  BASE,
  directUrl,
  must,
  person,
  pool,
  request,
  unique,
  useTarget,
  waitForHealth,
  workerdCpuMs,
  workerdRssMiB,
} from "./lib.mjs";

const LISTENERS = arg("--listeners", 1000);
const TASKS = arg("--tasks", 100);
const CHANGES = arg("--changes", 3);
const WEBHOOK_EVENTS = arg("--webhooks", 200);
// The Worker's own socket unless --proxy: wrangler dev's proxy relays every WebSocket message
// through a second runtime, which production does not have.
const THROUGH_PROXY = process.argv.includes("--proxy");
let target = BASE;

function percentiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => (s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN);
  return { count: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function postTask(poster) {
  const r = await must(201, "POST", "/api/v1/tasks", {
    cookie: poster.cookie,
    body: { title: unique("Fanout task"), description: "A task watched by many listeners at once.", budget_credits: 100 },
  });
  return r.json.data.id;
}

/** Opens `count` listeners on a task's stream; each records when each event `seq` arrives. */
async function listen(taskId, key, count) {
  const wsBase = target.replace(/^http/, "ws");
  const sockets = [];
  await pool(count, 50, async () => {
    const ws = new WebSocket(`${wsBase}/api/v1/tasks/${taskId}/live`, { headers: { authorization: `Bearer ${key}` } });
    const arrivals = new Map();
    ws.addEventListener("message", (m) => arrivals.set(JSON.parse(String(m.data)).seq, performance.now()));
    await new Promise((resolve, reject) => {
      ws.addEventListener("open", resolve, { once: true });
      ws.addEventListener("error", () => reject(new Error(`listener on task ${taskId} failed to open`)), { once: true });
    });
    sockets.push({ ws, arrivals });
  });
  return sockets;
}

/** How long each state change took to answer its caller, per scenario. */
let answers = [];

/**
 * Runs the state changes a task goes through, each a public task.updated event, the next only
 * once every listener has heard the last (so each figure is one change's fan-out, not changes
 * queueing behind each other); returns when each was requested.
 */
async function changes(taskId, listeners, poster, worker) {
  const requested = new Map();
  const bid = await must(201, "POST", `/api/v1/tasks/${taskId}/claims`, { key: worker.key, body: { proposed_credits: 50 } });
  const steps = [
    ["POST", `/api/v1/tasks/${taskId}/claims/${bid.json.data.id}/accept`, { cookie: poster.cookie }],
    ["POST", `/api/v1/tasks/${taskId}/start`, { key: worker.key }],
    ["POST", `/api/v1/tasks/${taskId}/rollback`, { cookie: poster.cookie }],
  ].slice(0, CHANGES);
  for (const [method, path, options] of steps) {
    const before = performance.now();
    const r = await request(method, path, options);
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    requested.set(before, path);
    answers.push(r.ms);
    await everyoneHeard(listeners, requested.size);
  }
  return [...requested.keys()];
}

/** Latencies from each requested change to its task.updated at every listener. */
function latencies(sockets, requestedAt) {
  const out = [];
  for (const { arrivals } of sockets) {
    // task.updated events arrive in order, one per change: pair them up by rank.
    const times = [...arrivals.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
    const updates = times.slice(-requestedAt.length);
    for (const [i, t] of updates.entries()) out.push(t - requestedAt[i]);
  }
  return out;
}

/** Waits until every listener has received `count` events (the room answers before its listeners hear), at most 30 s. */
async function everyoneHeard(listeners, count) {
  const end = performance.now() + 30_000;
  while (listeners.some(({ arrivals }) => arrivals.size < count) && performance.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function scenario(name, taskIds, perTask, poster, watcher, worker) {
  answers = [];
  const sockets = [];
  for (const id of taskIds) sockets.push({ id, listeners: await listen(id, watcher.key, perTask) });
  // One task's changes at a time.
  const samples = [];
  const cpuBefore = { workerd: workerdCpuMs(), client: process.cpuUsage() };
  for (const { id, listeners } of sockets) {
    const requestedAt = await changes(id, listeners, poster, worker);
    samples.push(...latencies(listeners, requestedAt));
  }
  for (const { listeners } of sockets) for (const { ws } of listeners) ws.close();
  const client = process.cpuUsage(cpuBefore.client);
  const cpu = { workerd: workerdCpuMs() - cpuBefore.workerd, client: (client.user + client.system) / 1000 };
  return { name, ...percentiles(samples), answered: percentiles(answers), cpu };
}

async function webhookThroughput(poster) {
  let received = 0;
  let resolveAll;
  const done = new Promise((resolve) => (resolveAll = resolve));
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(204).end();
      if (++received === WEBHOOK_EVENTS) resolveAll(performance.now());
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = server.address().port;
  const agent = await agentOf(await person("Webhook bench agent"));
  await must(201, "POST", "/api/v1/webhooks", {
    key: agent.key,
    body: { url: `http://127.0.0.1:${port}/hook`, events: ["claim.created"] },
  });
  const tasks = [];
  await pool(WEBHOOK_EVENTS, 20, async () => tasks.push(await postTask(poster)));
  const started = performance.now();
  await pool(tasks.length, 10, async (i) => {
    await must(201, "POST", `/api/v1/tasks/${tasks[i]}/claims`, { key: agent.key, body: { proposed_credits: 10 } });
  });
  const claimsDone = performance.now();
  const finished = await Promise.race([done, new Promise((resolve) => setTimeout(() => resolve(null), 120_000))]);
  server.close();
  return {
    events: WEBHOOK_EVENTS,
    received,
    seconds: ((finished ?? performance.now()) - started) / 1000,
    claimSeconds: (claimsDone - started) / 1000,
  };
}

await waitForHealth();
if (!THROUGH_PROXY) {
  target = await directUrl();
  useTarget(target);
}
console.log(`streams and requests to ${target}${THROUGH_PROXY ? " (through the proxy)" : " (the Worker's own socket)"}`);
const poster = await person("Fanout poster");
const watcher = await agentOf(await person("Fanout watcher"));
const worker = await agentOf(await person("Fanout worker"));
const memoryStart = workerdRssMiB();

const one = await scenario(`${LISTENERS} listeners on one task`, [await postTask(poster)], LISTENERS, poster, watcher, worker);
const taskIds = [];
for (let i = 0; i < TASKS; i++) taskIds.push(await postTask(poster));
const many = await scenario(`${LISTENERS} listeners over ${TASKS} tasks`, taskIds, Math.round(LISTENERS / TASKS), poster, watcher, worker);
const hooks = await webhookThroughput(poster);

const f = (n) => n.toFixed(1);
const report = [
  `## Fan-out (${new Date().toISOString()})`,
  "",
  "State change requested → event received, over every listener and change (ms):",
  "",
  "| scenario | deliveries | p50 | p95 | p99 | the change answered its caller, p50 / p95 | CPU ms per delivery: workerd / this client |",
  "|---|---|---|---|---|---|---|",
  ...[one, many].map(
    (s) =>
      `| ${s.name} | ${s.count} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.answered.p50)} / ${f(s.answered.p95)} | ` +
      `${(s.cpu.workerd / s.count).toFixed(2)} / ${(s.cpu.client / s.count).toFixed(2)} |`,
  ),
  "",
  `Webhooks: ${hooks.received} of ${hooks.events} claim.created deliveries reached a local receiver ${f(hooks.seconds)} s after the first claim ` +
    `(${f(hooks.received / hooks.seconds)} deliveries/s end to end; the claims themselves took ${f(hooks.claimSeconds)} s).`,
  `workerd RSS: ${f(memoryStart)} MiB before, ${f(workerdRssMiB())} MiB after.`,
].join("\n");
console.log(`\n${report}\n`);
mkdirSync("bench/results", { recursive: true });
writeFileSync(`bench/results/fanout-${Date.now()}.md`, `${report}\n`);
process.exit(0);
