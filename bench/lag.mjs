// How far behind the lists (which read D1) are after a write the task's room has answered: the
// time from a claim's answer until it shows in the agent's own claims list (GET
// /agents/me/claims, never cached), and from a task's creation until a search for its title finds
// it (D1's full-text index, written in the same transaction as the browse rows; a browse page
// would not do under load, where newer tasks push the task off the first page before it lands).
// Each write is followed by polling the list until it appears; the poll's own round trip bounds
// the resolution. A write still unseen after GIVE_UP_MS is counted as such, never waited on for
// ever. Measured idle, then while `--clients` other clients post tasks as fast as they can.
//
// Usage: npm run dev -- --var RATE_LIMIT_PER_MINUTE:1000000000   (terminal 1)
//        npm run bench:lag -- [--writes 200] [--clients 10]
import { mkdirSync, writeFileSync } from "node:fs";
import { agentOf, arg, directUrl, must, person, Recorder, request, unique, useTarget, waitForHealth } from "./lib.mjs";

const WRITES = arg("--writes", 200);
const CLIENTS = arg("--clients", 10);
/** A write not seen in a list by then is reported as missing (and would be a bug). */
const GIVE_UP_MS = 30_000;
const TASK_BODY = { description: "A lag benchmark task with a long enough description.", budget_credits: 100 };

/** Polls `seen()` until it answers true; returns how long after `since` it first did, or null after GIVE_UP_MS. */
async function firstSeen(since, seen, polls) {
  for (let n = 1; performance.now() - since < GIVE_UP_MS; n++) {
    const r = await seen();
    polls.add("poll", r.ms);
    if (r.found) {
      polls.add("polls needed", n);
      return performance.now() - since;
    }
  }
  polls.add("never seen", 1);
  return null;
}

/** A word found in no other task's title, so a search for it finds only this task. */
function marker() {
  return `lag${Math.random().toString(36).slice(2, 12).replace(/[0-9]/g, "")}`;
}

async function postTask(poster, title = unique("Lag task")) {
  return (await must(201, "POST", "/api/v1/tasks", { cookie: poster.cookie, body: { title, ...TASK_BODY } })).json.data.id;
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
  if (lag !== null) recorder.add("claim → agent's claims list", lag);
}

/** Create → found by a search for its title. */
async function createLag(poster, agent, recorder, polls) {
  const word = marker();
  const started = performance.now();
  const taskId = await postTask(poster, `Lag task ${word}`);
  const answered = performance.now();
  recorder.add("create answered", answered - started);
  const lag = await firstSeen(
    answered,
    async () => {
      const list = await request("GET", `/api/v1/tasks/search?q=${word}`, { key: agent.key });
      return { ms: list.ms, found: list.json.data.some((task) => task.id === taskId) };
    },
    polls,
  );
  if (lag !== null) recorder.add("create → search by its title", lag);
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
  const missing = polls.samples.get("never seen")?.length ?? 0;
  if (missing > 0)
    rows.push({
      phase: label,
      measure: `never seen within ${GIVE_UP_MS / 1000} s (count)`,
      count: missing,
      p50: NaN,
      p95: NaN,
      p99: NaN,
      max: NaN,
    });
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
const f = (n) => (Number.isNaN(n) ? "–" : n.toFixed(1));
for (const r of results) console.log(`| ${r.phase} | ${r.measure} | ${r.count} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.max)} |`);
mkdirSync("bench/results", { recursive: true });
const file = `bench/results/lag-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, JSON.stringify({ writes: WRITES, clients: CLIENTS, results }, null, 2));
console.log(`\nwritten to ${file}`);
