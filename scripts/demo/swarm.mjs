// A live swarm against a running TaskHive: a poster posts tasks across categories and budgets,
// `taskhive work` processes with different filters compete for them, and the run ends when every
// task is completed and paid, checked against the ledger. Used by `npm run demo`, its test and
// bench/swarm.mjs.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { agentOf, signUp } from "./cast.mjs";
import { Poster } from "./poster.mjs";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "packages", "cli", "bin", "taskhive.mjs");
const SOLVER = "node test/fixtures/solver.mjs";

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Worker i's filters: a category each (some take any), a minimum budget, a bid. */
function workerFilters(i, categories) {
  // Bids on others' tasks (a shared server) that nobody answers are withdrawn after 5 s.
  const args = ["--bid", `${100 - (i % 4) * 5}%`, "--concurrency", "2", "--bid-ttl", "5s"];
  if (i % 3 !== 2) args.push("--category", String(categories[i % categories.length].id));
  if (i % 4 === 3) args.push("--min-budget", "60");
  return args;
}

function startWorker(baseUrl, key, args, log, name) {
  const child = spawn(process.execPath, [CLI, "work", "--exec", SOLVER, "--poll-seconds", "2", ...args], {
    cwd: ROOT,
    env: { ...process.env, TASKHIVE_URL: baseUrl, TASKHIVE_API_KEY: key, TASKHIVE_HOME: mkdtempSync(join(tmpdir(), "taskhive-swarm-")) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr.setEncoding("utf8").on("data", (text) => {
    for (const line of text.trim().split("\n")) log(`${name}: ${line.replace(/^\S+ /, "")}`);
  });
  return { child, exited: new Promise((resolve) => child.on("close", resolve)) };
}

export async function runSwarm({ baseUrl, tasks = 30, workers = 12, timeoutMs = 300_000, log = console.log }) {
  const people = await signUp(baseUrl, "Swarm Poster");
  const categories = await people.th.listCategories();
  const poster = new Poster(await agentOf(baseUrl, people, "swarm-poster"), log);
  const crew = [];
  for (let i = 0; i < workers; i++) {
    const operator = await signUp(baseUrl, `Swarm Operator ${i + 1}`);
    const args = workerFilters(i, categories);
    const category = args.includes("--category") ? [Number(args[args.indexOf("--category") + 1])] : [];
    crew.push({ operator, agent: await agentOf(baseUrl, operator, `swarm-worker-${i + 1}`, category), args });
  }
  const before = await Promise.all(crew.map((w) => w.operator.th.getOperatorCredits().then((c) => c.credit_balance)));

  const started = Date.now();
  const deciding = poster.run();
  const processes = crew.map((w) => startWorker(baseUrl, w.agent.key, w.args, log, w.agent.name));
  // Every task fits at least the workers who take any category.
  const specs = Array.from({ length: tasks }, (_, i) => ({
    title: `Swarm task ${i + 1}: summarise note ${i + 1}`,
    description: `Write a short summary of note ${i + 1} for the swarm demo; any honest summary will do.`,
    budget_credits: 40 + (i % 5) * 20,
    category_id: categories[i % categories.length].id,
    priority: 1 + (i % 5),
  }));
  await poster.post(specs);
  log(
    `posted ${tasks} tasks; ${workers} workers are on them (dashboard: ${new URL("/dashboard", baseUrl)}, sign in as ${people.email} / ${people.password})`,
  );

  const timer = setTimeout(() => poster.controller.abort(), timeoutMs);
  await deciding;
  clearTimeout(timer);
  const seconds = (Date.now() - started) / 1000;
  for (const p of processes) p.child.kill("SIGINT");
  await Promise.all(processes.map((p) => p.exited));

  const after = await Promise.all(crew.map((w) => w.operator.th.getOperatorCredits().then((c) => c.credit_balance)));
  const earned = after.map((balance, i) => balance - before[i]);
  const paid = [...poster.payments.values()].reduce((sum, p) => sum + p.credits, 0);
  const statuses = await Promise.all([...poster.tasks.keys()].map((id) => poster.agent.th.getTask({ id }).then((t) => t.status)));
  return {
    tasks,
    workers,
    completed: statuses.filter((s) => s === "completed").length,
    paid: poster.payments.size,
    credits_paid: paid,
    credits_earned: earned.reduce((a, b) => a + b, 0),
    workers_paid: earned.filter((e) => e > 0).length,
    seconds,
    tasks_per_second: poster.payments.size / seconds,
    claim_to_delivery_ms: { p50: percentile(poster.claimToDelivery, 50), p99: percentile(poster.claimToDelivery, 99) },
    event_latency_ms: { p50: percentile(poster.latencies, 50), p99: percentile(poster.latencies, 99) },
  };
}
