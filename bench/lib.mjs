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
