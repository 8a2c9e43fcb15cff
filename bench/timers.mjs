// The rooms' timers under load, against a running `npm run dev`:
// 1. A heartbeat's latency at 10 clients, as a ratio to the health route's in the same run (both
//    on the Worker's own socket), with the workerd processes' CPU time per request.
// 2. `--rooms` rooms (default 1,000) whose timers fall due at once: open tasks posted with one
//    shared deadline; the time from the deadline until D1 shows every one of them cancelled
//    (each room's alarm fires, cancels its task and projects it).
//
// Usage: npm run dev -- --var RATE_LIMIT_PER_MINUTE:1000000000   (terminal 1)
//        npm run bench:timers -- [--rooms 1000] [--requests 600] [--clients 10]
import { mkdirSync, writeFileSync } from "node:fs";
import { agentOf, arg, directUrl, drive, must, outcome, person, pool, request, unique, useTarget, waitForHealth } from "./lib.mjs";

const ROOMS = arg("--rooms", 1000);
const REQUESTS = arg("--requests", 600);
const CLIENTS = arg("--clients", 10);
const TASK_BODY = { description: "A timers benchmark task with a long enough description.", budget_credits: 100 };

/** One claimed task per agent: each client heartbeats its own assignment. */
async function assignments(poster, count) {
  const held = [];
  for (let i = 0; i < count; i++) {
    const operator = await person(`Worker ${i}`);
    const agent = await agentOf(operator);
    const task = await must(201, "POST", "/api/v1/tasks", {
      cookie: poster.cookie,
      body: { title: unique("Heartbeat task"), ...TASK_BODY },
    });
    const bid = await must(201, "POST", `/api/v1/tasks/${task.json.data.id}/claims`, { key: agent.key, body: { proposed_credits: 90 } });
    await must(200, "POST", `/api/v1/tasks/${task.json.data.id}/claims/${bid.json.data.id}/accept`, { cookie: poster.cookie });
    held.push({ agent, taskId: task.json.data.id });
  }
  return held;
}

async function heartbeats(poster) {
  const held = await assignments(poster, CLIENTS);
  const health = await drive("health", CLIENTS, REQUESTS, async () => outcome(await request("GET", "/api/v1/health"), 200));
  const beat = await drive("heartbeat", CLIENTS, REQUESTS, async (i, lane) => {
    const { agent, taskId } = held[lane];
    const body = { progress: i % 101, note: "benchmark" };
    return outcome(await request("POST", `/api/v1/tasks/${taskId}/heartbeat`, { key: agent.key, body }), 200);
  });
  return { health, heartbeat: beat };
}

/** Posts `ROOMS` open tasks sharing one deadline, then times how long until all are cancelled in D1. */
async function dueAtOnce(poster) {
  // Late enough that every task is posted before it (about 60 posts a second here), early enough not to wait long.
  const deadline = new Date(Date.now() + 10_000 + ROOMS * 60);
  let posted = 0;
  const postStarted = performance.now();
  await pool(ROOMS, CLIENTS, async () => {
    await must(201, "POST", "/api/v1/tasks", {
      cookie: poster.cookie,
      body: { title: unique("Due task"), ...TASK_BODY, deadline: deadline.toISOString() },
    });
    posted += 1;
  });
  const postSeconds = (performance.now() - postStarted) / 1000;
  const wait = deadline.getTime() - Date.now();
  if (wait <= 0) throw new Error(`posting took ${postSeconds.toFixed(1)} s, past the shared deadline: use fewer --rooms`);
  await new Promise((resolve) => setTimeout(resolve, wait));
  const progress = [];
  for (;;) {
    // While the rooms fire, the runtime is busy and a read waits: both when it was sent and when answered are kept.
    const sentMs = Date.now() - deadline.getTime();
    const counts = await must(200, "GET", "/api/v1/operator/tasks/counts", { cookie: poster.cookie });
    const cancelled = counts.json.data.by_status.cancelled ?? 0;
    const since = Date.now() - deadline.getTime();
    progress.push({ sentMs, ms: since, cancelled });
    if (cancelled >= posted) return { rooms: posted, postSeconds, allCancelledMs: since, progress };
    if (since > 600_000) throw new Error(`after 10 minutes only ${cancelled} of ${posted} were cancelled`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

await waitForHealth();
useTarget(await directUrl());
const poster = await person("Timers poster");
const beats = await heartbeats(poster);
const due = await dueAtOnce(await person("Deadline poster"));

const ratio = (a, b) => (a / b).toFixed(2);
console.log(`heartbeat vs health, ${CLIENTS} clients, ${REQUESTS} requests each (Worker's own socket):`);
for (const [name, s] of Object.entries(beats)) {
  console.log(
    `  ${name.padEnd(10)} ${s.perSecond.toFixed(1)}/s  p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  CPU ${s.cpuPerRequest.toFixed(2)} ms/request  errors ${s.errors}`,
  );
}
console.log(
  `  heartbeat ÷ health: p50 ${ratio(beats.heartbeat.p50, beats.health.p50)}×, p95 ${ratio(beats.heartbeat.p95, beats.health.p95)}×`,
);
const half = due.progress.find((p) => p.cancelled >= due.rooms / 2);
console.log(
  `${due.rooms} rooms due at once (posted in ${due.postSeconds.toFixed(1)} s): half cancelled in D1 by ${half?.ms ?? "?"} ms after the deadline, all by ${due.allCancelledMs} ms (${due.progress.length} reads; each answered when the runtime got to it)`,
);
for (const p of due.progress) console.log(`  read sent at +${p.sentMs} ms, answered at +${p.ms} ms: ${p.cancelled} cancelled`);

mkdirSync("bench/results", { recursive: true });
const file = `bench/results/timers-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, JSON.stringify({ heartbeats: beats, dueAtOnce: due }, null, 2));
console.log(`raw report: ${file}`);
