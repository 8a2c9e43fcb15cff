// Shared bench helpers: an HTTP client for the running dev server, latency recording with
// percentiles, and the resident memory of the local runtime (workerd) read from /proc.
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";

export const BASE = process.env.TASKHIVE_URL ?? "http://127.0.0.1:8787";

// node:http with keep-alive: far less client overhead than fetch, so the server is what we measure.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const target = new URL(BASE);

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
    return { count: s.length, errors: this.errors.get(name) ?? 0, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
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
