// Where the CPU of a route goes, against a running `npm run dev`: claims (creations, or uncached
// browse pages) on the Worker's own socket at `--clients`, with the V8 sampling profiler of the
// app's isolate attached through workerd's inspector. Prints the functions with the most self time (with the bundle line
// they stand on) and the most inclusive time, and writes the .cpuprofile to bench/results/ (open
// it in Chrome DevTools). The profile covers the app's JavaScript only: local D1 and the queues
// run in other isolates, so their share is in bench:routes' CPU per request, not here.
//
// Usage: npm run dev -- --var RATE_LIMIT_PER_MINUTE:1000000000   (terminal 1)
//        npm run bench:profile -- [--route claim|create|browse] [--requests 1500] [--clients 10]
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  agentOf,
  arg,
  directUrl,
  drive,
  must,
  person,
  pool,
  request,
  unique,
  useTarget,
  waitForHealth,
  workerInspectorUrl,
} from "./lib.mjs";

const REQUESTS = arg("--requests", 1500);
const CLIENTS = arg("--clients", 10);
const ROUTE = process.argv.includes("--route") ? process.argv[process.argv.indexOf("--route") + 1] : "claim";
const TASK_BODY = { description: "A profiled task with a long enough description.", budget_credits: 100 };

/**
 * A Chrome DevTools protocol session over the inspector's WebSocket. workerd handles inspector
 * commands when the isolate next runs, so each command is followed by a request that runs it.
 */
async function inspector(url, poke) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve, { once: true });
    ws.addEventListener("error", () => reject(new Error(`cannot reach the inspector at ${url}`)), { once: true });
  });
  let id = 0;
  const pending = new Map();
  ws.addEventListener("message", (m) => {
    const message = JSON.parse(String(m.data));
    // workerd's inspector answers every command by its id (some answers carry no result).
    if (message.id !== undefined) pending.get(message.id)?.(message);
  });
  return {
    send(method, params = {}) {
      id += 1;
      const mine = id;
      return new Promise((resolve) => {
        // Poke until answered: a command can arrive after the request meant to run it, and
        // Node's WebSocket alone does not keep the process waiting for the answer.
        const poking = setInterval(poke, 250);
        pending.set(mine, (message) => {
          clearInterval(poking);
          resolve(message);
        });
        ws.send(JSON.stringify({ id: mine, method, params }));
        poke();
      });
    },
    close: () => ws.close(),
  };
}

/** The newest bundle `wrangler dev` built, to show the line a sample stands on. */
function bundleLines() {
  try {
    const dirs = readdirSync(".wrangler/tmp").map((d) => join(".wrangler/tmp", d, "index.js"));
    const newest = dirs.filter((f) => statSync(f, { throwIfNoEntry: false })).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    return newest ? readFileSync(newest, "utf8").split("\n") : [];
  } catch {
    return [];
  }
}

function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const hits = new Map();
  for (const sample of profile.samples) hits.set(sample, (hits.get(sample) ?? 0) + 1);
  const total = profile.samples.length;
  const lines = bundleLines();
  const name = (frame) => frame.functionName || "(anonymous)";
  const self = new Map();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const key = `${name(f)} ${f.url}:${f.lineNumber + 1}`;
    const entry = self.get(key) ?? { count: 0, source: f.url === "index.js" ? (lines[f.lineNumber]?.trim() ?? "") : "" };
    entry.count += hits.get(n.id) ?? 0;
    self.set(key, entry);
  }
  const inclusive = new Map();
  for (const [leaf, count] of hits) {
    const seen = new Set();
    for (let id = leaf; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      const key = `${name(f)} ${f.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + count);
    }
  }
  const pct = (n) => `${((100 * n) / total).toFixed(1)}%`;
  console.log(`\n${total} samples. Most self time:`);
  for (const [key, { count, source }] of [...self].sort((a, b) => b[1].count - a[1].count).slice(0, 15)) {
    console.log(`  ${pct(count).padStart(6)}  ${key}${source ? `   ${source.slice(0, 90)}` : ""}`);
  }
  console.log("\nMost inclusive time:");
  for (const [key, count] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${pct(count).padStart(6)}  ${key}`);
}

await waitForHealth();
const direct = await directUrl();
useTarget(direct);
const poster = await person("Profile poster");
const operator = await person("Profile operator");
const agents = [];
for (let i = 0; i < CLIENTS; i++) agents.push(await agentOf(operator));
const taskIds = [];
if (ROUTE === "claim" || ROUTE === "browse") {
  await pool(REQUESTS, CLIENTS, async () => {
    const r = await must(201, "POST", "/api/v1/tasks", { cookie: poster.cookie, body: { title: unique("Profiled task"), ...TASK_BODY } });
    taskIds.push(r.json.data.id);
  });
}
const session = await inspector(await workerInspectorUrl(), () => request("GET", "/api/v1/health"));
await session.send("Profiler.enable");
await session.send("Profiler.setSamplingInterval", { interval: 200 });
await session.send("Profiler.start");
// Browse: each client walks the open tasks by cursor with its own page size, so every page misses the cache.
const cursors = new Map();
async function browse(lane) {
  const cursor = cursors.get(lane);
  const r = await request("GET", `/api/v1/tasks?limit=${20 + lane}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
    key: agents[lane].key,
  });
  cursors.set(lane, r.json?.meta?.cursor ?? null);
  return r;
}
const expected = ROUTE === "browse" ? 200 : 201;
const result = await drive(ROUTE, CLIENTS, REQUESTS, async (i, lane) => {
  const r =
    ROUTE === "claim"
      ? await request("POST", `/api/v1/tasks/${taskIds[i]}/claims`, { key: agents[lane].key, body: { proposed_credits: 90 } })
      : ROUTE === "browse"
        ? await browse(lane)
        : await request("POST", "/api/v1/tasks", { cookie: poster.cookie, body: { title: unique("Profiled task"), ...TASK_BODY } });
  return { ok: r.status === expected, ms: r.ms, detail: `${r.status}` };
});
const { result: stopped } = await session.send("Profiler.stop");
session.close();
console.log(
  `${ROUTE}: ${result.perSecond.toFixed(1)}/s, p95 ${result.p95.toFixed(1)} ms, ${result.cpuPerRequest.toFixed(2)} ms CPU/request (with the profiler attached)`,
);
summarise(stopped.profile);
mkdirSync("bench/results", { recursive: true });
const file = `bench/results/profile-${ROUTE}-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`;
writeFileSync(file, JSON.stringify(stopped.profile));
console.log(`\nwritten to ${file}`);
process.exit(0);
