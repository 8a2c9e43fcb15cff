// Shared bench helpers: an HTTP client for the running dev server, latency recording with
// percentiles, and the resident memory of the local runtime (workerd) read from /proc.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const BASE = process.env.TASKHIVE_URL ?? "http://127.0.0.1:8787";

// node:http with keep-alive: far less client overhead than fetch, so the server is what we measure.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let target = new URL(BASE);

/** Sends the following requests to `url` (e.g. the Worker's own socket, see directUrl). */
export function useTarget(url) {
  target = new URL(url);
}

export function request(method, path, { body, key, cookie } = {}) {
  const headers = {};
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = Buffer.byteLength(payload);
  }
  if (key) headers.authorization = `Bearer ${key}`;
  if (cookie) headers.cookie = cookie;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request({ host: target.hostname, port: target.port, path, method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => {
        const ms = performance.now() - started;
        const text = Buffer.concat(chunks).toString("utf8");
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = { raw: text };
        }
        resolve({ status: res.statusCode, json, ms, headers: res.headers });
      });
    });
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export async function must(status, method, path, options) {
  const r = await request(method, path, options);
  if (r.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${r.status} ${JSON.stringify(r.json)}`);
  return r;
}

export class Recorder {
  constructor() {
    this.samples = new Map();
    this.errors = new Map();
  }

  add(name, ms) {
    if (!this.samples.has(name)) this.samples.set(name, []);
    this.samples.get(name).push(ms);
  }

  fail(name, detail) {
    this.errors.set(name, (this.errors.get(name) ?? 0) + 1);
    if ((this.errors.get(name) ?? 0) <= 3) console.error(`  ${name} failed: ${detail}`);
  }

  summary(name) {
    const s = [...(this.samples.get(name) ?? [])].sort((a, b) => a - b);
    const at = (q) => (s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN);
    return { count: s.length, errors: this.errors.get(name) ?? 0, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.at(-1) ?? NaN };
  }
}

export function percentileTable(recorder, names, baseline) {
  const base = recorder.summary(baseline);
  const rows = names.map((name) => {
    const s = recorder.summary(name);
    const ratio = name === baseline ? "1.00" : (s.p95 / base.p95).toFixed(2);
    return `| ${name} | ${s.count} | ${s.errors} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.p99.toFixed(1)} | ${ratio} |`;
  });
  return [
    `| operation | samples | errors | p50 ms | p95 ms | p99 ms | p95 ÷ ${baseline} p95 |`,
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** Resident memory (MiB) of every workerd process, the runtime serving `npm run dev`. */
export function workerdRssMiB() {
  let kib = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmd.includes("workerd")) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kib += Number(rss?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kib / 1024;
}

function workerdPids() {
  return readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd");
    } catch {
      return false;
    }
  });
}

/** CPU time (user + system, ms) the local workerd processes have used so far. */
export function workerdCpuMs() {
  let ticks = 0;
  for (const pid of workerdPids()) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while we looked
    }
  }
  return ticks * 10; // Linux reports clock ticks of 10 ms
}

/** The TCP ports the local workerd processes listen on, from /proc (no extra tools needed). */
function workerdPorts() {
  const inodes = new Set();
  for (const pid of workerdPids()) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const link = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (link) inodes.add(link[1]);
      }
    } catch {
      // the process ended while we looked
    }
  }
  const ports = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // state 0A is LISTEN
      if (cols[3] === "0A" && inodes.has(cols[9])) ports.push(Number.parseInt(cols[1].split(":")[1], 16));
    }
  }
  return ports;
}

/**
 * The Worker's own socket behind `wrangler dev`'s proxy: `npm run dev` serves the Worker from a
 * workerd on a random local port and proxies `proxyUrl` to it through a second workerd. The port,
 * other than the proxy's, that accepts a session just made through the proxy is the Worker's.
 */
export async function directUrl(proxyUrl = BASE) {
  const proxyPort = Number(new URL(proxyUrl).port);
  // A session made through the proxy proves a port serves the same state: a runtime the dev
  // server restarted may linger beside the new one for a while.
  const probe = await person("Direct socket probe");
  for (const port of workerdPorts().filter((p) => p !== proxyPort)) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/categories`, {
        headers: { cookie: probe.cookie },
        signal: AbortSignal.timeout(1000),
      });
      if (r.status === 200) return `http://127.0.0.1:${port}`;
    } catch {
      // not the Worker (the inspector, the proxy's control ports)
    }
  }
  throw new Error(`no workerd port other than ${proxyPort} serves the Worker behind ${proxyUrl}; is npm run dev running?`);
}

/**
 * The DevTools WebSocket of the app's isolate: workerd's inspector (one of its ports) lists every
 * isolate at /json; the app's is `core:user:<name from wrangler.toml>`.
 */
export async function workerInspectorUrl(name = "taskhive", timeoutMs = 60_000) {
  // A runtime busy with queued work (e.g. just after seeding) may answer /json late.
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const port of workerdPorts()) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/json`, { signal: AbortSignal.timeout(2000) });
        const targets = await r.json();
        const app = targets.find((t) => String(t.webSocketDebuggerUrl ?? "").endsWith(`/core:user:${name}`));
        if (app) return app.webSocketDebuggerUrl;
      } catch {
        // not the inspector, or not answering yet
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no workerd inspector lists core:user:${name}; is npm run dev running?`);
}

/** Runs `worker(i)` for i in 0..n-1 with at most `concurrency` in flight. */
export async function pool(n, concurrency, worker) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) {
      const i = next++;
      await worker(i);
    }
  });
  await Promise.all(lanes);
}

export function unique(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function waitForHealth(timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const r = await request("GET", "/api/v1/health");
      if (r.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${BASE}/api/v1/health did not answer 200; start the server with npm run dev`);
}

/** A numeric command-line option, e.g. `--agents 100`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

/** Registers a person; returns their id and session cookie. */
export async function person(name) {
  const r = await must(201, "POST", "/auth/register", {
    body: { email: `${unique(name.toLowerCase().replace(/\W+/g, "-"))}@bench.example`, password: "bench password", name },
  });
  return { id: r.json.data.id, cookie: r.headers["set-cookie"][0].split(";")[0] };
}

/** Registers an agent for `operator`; returns its id and API key. */
export async function agentOf(operator) {
  const r = await must(201, "POST", "/api/v1/operator/agents", {
    cookie: operator.cookie,
    body: { name: unique("bench-agent"), description: "Benchmark agent" },
  });
  return { id: r.json.data.agent.id, key: r.json.data.api_key };
}

/**
 * `clients` concurrent loops calling `step(client, i)` for `seconds`; a step returns
 * `{ok, ms, detail}`, or null to stop its loop. Returns the latency summary and throughput.
 */
export async function hammer(name, clients, seconds, step) {
  const recorder = new Recorder();
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      let i = 0;
      while (performance.now() < end) {
        const r = await step(c, i++);
        if (r === null) break;
        if (r.ok) recorder.add(name, r.ms);
        else recorder.fail(name, r.detail);
      }
    }),
  );
  const s = recorder.summary(name);
  return { ...s, perSecond: s.count / ((performance.now() - started) / 1000) };
}

/** A step's outcome for `drive`/`hammer`: whether `r` answered `expected`, its latency, and what it said. */
export function outcome(r, expected) {
  return { ok: r.status === expected, ms: r.ms, detail: `${r.status} ${JSON.stringify(r.json).slice(0, 160)}` };
}

/**
 * `total` requests from `clients` concurrent loops (keep-alive), each `step(i, lane)` answering
 * `{ok, ms, detail}`; returns the latency summary, throughput and workerd CPU per request.
 */
export async function drive(name, clients, total, step) {
  const recorder = new Recorder();
  let next = 0;
  const cpuBefore = workerdCpuMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, lane) => {
      while (next < total) {
        const r = await step(next++, lane);
        if (r.ok) recorder.add(name, r.ms);
        else recorder.fail(name, r.detail);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const s = recorder.summary(name);
  return { ...s, perSecond: total / seconds, cpuPerRequest: (workerdCpuMs() - cpuBefore) / total };
}

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
  const persist = process.env.TASKHIVE_PERSIST ? ["--persist-to", process.env.TASKHIVE_PERSIST] : [];
  return execFileSync("wrangler", ["d1", "execute", "DB", "--local", ...persist, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function taskCount() {
  const out = d1(["--json", "--command", "SELECT count(*) AS n FROM tasks"]);
  return JSON.parse(out)[0].results[0].n;
}

/**
 * Tops the local D1 projection up to `total` tasks in 100-row statements (D1 caps a statement at
 * 100 KB). Set TASKHIVE_PERSIST to the dev server's `--persist-to` directory if it has one.
 */
export function seedTasks(total, posterId) {
  const missing = total - taskCount();
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
