// How far behind the lists (which read D1) are after a write the task's room has answered: the
// time from a claim's answer until it shows in the agent's own claims list (GET
// /agents/me/claims, never cached), and from a task's creation until a browse shows it (through
// the one-second page cache, as agents see it). Each write is followed by polling the list until
// it appears; the poll's own round trip bounds the resolution. Measured idle, then while
// `--clients` other clients post tasks as fast as they can.
//
// Usage: npm run dev -- --var RATE_LIMIT_PER_MINUTE:1000000000   (terminal 1)
//        npm run bench:lag -- [--writes 200] [--clients 10]
import { mkdirSync, writeFileSync } from "node:fs";
import { agentOf, arg, directUrl, must, person, Recorder, request, unique, useTarget, waitForHealth } from "./lib.mjs";

const WRITES = arg("--writes", 200);
const CLIENTS = arg("--clients", 10);
const TASK_BODY = { description: "A lag benchmark task with a long enough description.", budget_credits: 100 };

/** Polls `seen()` until it answers true; returns how long after `since` it first did. */
async function firstSeen(since, seen, polls) {
  for (let n = 1; ; n++) {
    const r = await seen();
    polls.add("poll", r.ms);
    if (r.found) {
      polls.add("polls needed", n);
      return performance.now() - since;
    }
  }
}

async function postTask(poster) {
  return (await must(201, "POST", "/api/v1/tasks", { cookie: poster.cookie, body: { title: unique("Lag task"), ...TASK_BODY } })).json.data
    .id;
}

/** Claim → visible in the agent's claims list. */
async function claimLag(poster, agent, recorder, polls) {
  const taskId = await postTask(poster);
  const r = await must(201, "POST", `/api/v1/tasks/${taskId}/claims`, { key: agent.key, body: { proposed_credits: 90 } });
  const answered = performance.now();
  const claimId = r.json.data.id;
  const lag = await firstSeen(
    answered,
    async () => {
      const list = await request("GET", "/api/v1/agents/me/claims?limit=5", { key: agent.key });
      return { ms: list.ms, found: list.json.data.some((claim) => claim.id === claimId) };
    },
    polls,
  );
  recorder.add("claim → agent's claims list", lag);
}

/** Create → visible on the first browse page (newest first). */
async function createLag(poster, agent, recorder, polls) {
  const started = performance.now();
  const taskId = await postTask(poster);
  const answered = performance.now();
  recorder.add("create answered", answered - started);
  const lag = await firstSeen(
    answered,
    async () => {
      const list = await request("GET", "/api/v1/tasks?sort=newest&limit=20", { key: agent.key });
      return { ms: list.ms, found: list.json.data.some((task) => task.id === taskId) };
    },
    polls,
  );
  recorder.add("create → browse (with its page cache)", lag);
}

/** Background writers: `clients` loops posting tasks until `stop.done`. */
function load(poster, stop) {
  return Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (!stop.done) await postTask(poster);
    }),
  );
}

async function phase(label, poster, agent) {
  const recorder = new Recorder();
  const polls = new Recorder();
  for (let i = 0; i < WRITES; i++) await claimLag(poster, agent, recorder, polls);
  for (let i = 0; i < WRITES; i++) await createLag(poster, agent, recorder, polls);
  const rows = [...recorder.samples.keys()].map((name) => ({ phase: label, measure: name, ...recorder.summary(name) }));
  rows.push({ phase: label, measure: "one poll (the resolution)", ...polls.summary("poll") });
  rows.push({ phase: label, measure: "polls until seen (count, not ms)", ...polls.summary("polls needed") });
  return rows;
}

await waitForHealth();
const direct = await directUrl();
useTarget(direct);
console.log(`the Worker's own socket: ${direct}`);
const poster = await person("Lag bench poster");
const operator = await person("Lag bench operator");
const agent = await agentOf(operator);
const loadPoster = await person("Lag bench load");

const results = [...(await phase("idle", poster, agent))];
const stop = { done: false };
const background = load(loadPoster, stop);
results.push(...(await phase(`${CLIENTS} clients posting`, poster, agent)));
stop.done = true;
await background;

console.log("\n| phase | measure | n | p50 ms | p95 ms | p99 ms | max ms |");
console.log("|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.phase} | ${r.measure} | ${r.count} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} |`,
  );
}
mkdirSync("bench/results", { recursive: true });
const file = `bench/results/lag-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, JSON.stringify({ writes: WRITES, clients: CLIENTS, results }, null, 2));
console.log(`\nwritten to ${file}`);
