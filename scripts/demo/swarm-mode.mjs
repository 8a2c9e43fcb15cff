// Swarm mode, live, against a running TaskHive: a poster posts one big task with `"swarm": true`
// and auto-review; the platform's planner splits it into parts, a pool of `taskhive work`
// processes claims and delivers them (each part is reviewed automatically), failed parts are
// replaced by the fixer, and the merger composes the task's deliverable, which is reviewed and
// paid like any task. It ends when the task is paid (or the swarm stops), then checks the credits
// minted for the whole tree against the root's budget. Used by `npm run demo` after the
// marketplace swarm (swarm.mjs).
//
// The swarm's LLM calls (planner, fixer, merger, reviews) go to whatever the dev server's key
// reaches: with the README's command, its platform key and scripts/fake-llm.mjs, which this
// module starts on `llmUrl` when nothing answers there yet.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TaskHiveError } from "@taskhive/sdk";
import { agentOf, signUp } from "./cast.mjs";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "packages", "cli", "bin", "taskhive.mjs");
const FAKE_LLM = join(ROOT, "scripts", "fake-llm.mjs");
const WRITER = "node scripts/demo/writer.mjs";

/** The platform's fee on a payment (src/domain/fees.ts): 10%, floored; payment + fee = what is paid out. */
const feeOn = (credits) => Math.floor((credits * 10) / 100);

/** The dev server cannot make a swarm's LLM calls (no platform key, no poster key): nothing was run. */
export class SwarmUnavailable extends Error {}

/** How to start the dev server so swarm mode runs with no key (README, "Running the reviewer locally"). */
export const DEV_COMMAND =
  "npm run dev -- --var LLM_PLATFORM_PROVIDER:anthropic --var LLM_PLATFORM_KEY:fake --var ANTHROPIC_BASE_URL:http://127.0.0.1:8788";

const THE_TASK = {
  title: "Write a market report on edge computing platforms",
  description:
    "A short market report on edge computing platforms for a product team deciding where to run its API: " +
    "the background, the main providers, what they cost, and a recommendation that draws on all of it.",
  requirements: [
    "1. Background: what edge platforms are and why teams move to them",
    "2. Competitor analysis of three providers",
    "3. Pricing comparison of the same three",
  ].join("\n"),
};

/** Worker i's filters: the swarm's category (parts inherit it) or any; one wants at least 20 credits; bids vary. */
function workerArgs(i, categoryId) {
  const args = ["--bid", `${100 - (i % 3) * 5}%`, "--concurrency", "1", "--bid-ttl", "5s"];
  if (i % 4 !== 2) args.push("--category", String(categoryId));
  if (i % 4 === 1) args.push("--min-budget", "20");
  return args;
}

function startWorker(baseUrl, key, args, log, name, { workerLlm, botchFile }) {
  const perform = workerLlm ? ["--llm", workerLlm] : ["--exec", WRITER];
  const child = spawn(process.execPath, [CLI, "work", ...perform, "--poll-seconds", "2", ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      TASKHIVE_URL: baseUrl,
      TASKHIVE_API_KEY: key,
      TASKHIVE_HOME: mkdtempSync(join(tmpdir(), "taskhive-swarm-mode-")),
      ...(botchFile ? { WRITER_BOTCH_ONCE: botchFile } : {}),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr.setEncoding("utf8").on("data", (text) => {
    for (const line of text.trim().split("\n")) log(`${name}: ${line.replace(/^\S+ /, "")}`);
  });
  return { child, exited: new Promise((resolve) => child.on("close", resolve)) };
}

/** scripts/fake-llm.mjs on `llmUrl`, unless something answers there already; `stop` ends only what it started. */
async function ensureFakeLlm(llmUrl, log) {
  const answering = await fetch(llmUrl, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
  if (answering) {
    log(`fake-llm: something already answers on ${llmUrl}; using it`);
    return { started: false, stop: async () => undefined };
  }
  const child = spawn(process.execPath, [FAKE_LLM], {
    cwd: ROOT,
    env: { ...process.env, FAKE_LLM_PORT: new URL(llmUrl).port || "80" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => child.on("close", resolve));
  await new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (text) => {
      for (const line of text.trim().split("\n")) log(`fake-llm: ${line}`);
      if (text.includes("fake LLM")) resolve();
    });
    child.stderr.setEncoding("utf8").on("data", (text) => log(`fake-llm: ${text.trim()}`));
    child.on("close", (code) => reject(new Error(`scripts/fake-llm.mjs exited (${code}) before listening on ${llmUrl}`)));
  });
  return {
    started: true,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

const usd = (value) => (value === null || value === undefined ? "unpriced" : `$${value.toFixed(4)}`);

/** One line per event on the root task's stream, for the log. */
function describe(event) {
  const d = event.data;
  switch (event.type) {
    case "swarm.call_requested":
      return `asks the ${d.kind === "plan" ? "planner" : d.kind === "fix" ? `fixer (part ${d.part_key})` : "merger"} (round ${d.round})`;
    case "swarm.call_finished":
      return `${d.kind} call ${d.round} done (${d.key_source} key, ${usd(d.cost_micro_usd === null ? null : d.cost_micro_usd / 1e6)}): ${d.outcome}`;
    case "swarm.planned":
      return `${d.fix_of ? `replacement for ${d.fix_of}` : "plan"}: ${d.parts
        .map((p) => `${p.key} (${p.budget_credits} cr${p.depends_on.length ? `, after ${p.depends_on.join(", ")}` : ""})`)
        .join("; ")}`;
    case "swarm.part_posted":
      return `part ${d.key} posted as task ${d.subtask_id} (${d.budget_credits} credits)`;
    case "swarm.part_failed":
      return `part ${d.key} (task ${d.subtask_id}) failed: a fix is asked for`;
    case "swarm.stopped":
      return `STOPPED: ${d.reason}`;
    case "subtask.settled":
      return `part task ${d.subtask_id} ${d.outcome === "paid" ? `paid (${d.budget_credits} credits)` : "released"}`;
    case "deliverable.submitted":
      return `merged deliverable submitted (submission ${d.revision_number})`;
    case "review.completed":
      return `merged deliverable reviewed: ${d.result} (${d.key_source} key)${d.poster_decides ? ", the poster decides" : ""}`;
    case "deliverable.accepted":
      return `completed: the coordinator is paid ${d.credits_paid} credits (+${d.platform_fee} fee)`;
    default:
      return null;
  }
}

/**
 * Runs one swarm task to its end. Throws SwarmUnavailable when the server cannot make LLM calls
 * for it. Returns the summary, with `problems` listing every check that failed (empty: clean).
 */
export async function runSwarmMode({
  baseUrl,
  workers = 4,
  budget = 300,
  timeoutMs = 180_000,
  llmUrl = "http://127.0.0.1:8788",
  startFakeLlm = true,
  posterKey = null,
  workerLlm = null,
  fault = false,
  log = console.log,
}) {
  const fake = startFakeLlm ? await ensureFakeLlm(llmUrl, log) : { started: false, stop: async () => undefined };
  const processes = [];
  try {
    const poster = await signUp(baseUrl, "Swarm Mode Poster");
    const categories = await poster.th.listCategories();
    const category = categories.find((c) => /writ|research|content/i.test(c.name)) ?? categories[0];

    const crew = [];
    for (let i = 0; i < workers; i++) {
      const operator = await signUp(baseUrl, `Swarm Mode Operator ${i + 1}`);
      const args = workerArgs(i, category.id);
      const inCategory = args.includes("--category") ? [category.id] : [];
      crew.push({ operator, agent: await agentOf(baseUrl, operator, `swarm-mode-worker-${i + 1}`, inCategory), args });
    }
    const before = await Promise.all(crew.map((w) => w.operator.th.getOperatorCredits().then((c) => c.credit_balance)));

    const started = Date.now();
    let task;
    try {
      task = await poster.th.createTask({
        ...THE_TASK,
        budget_credits: budget,
        category_id: category.id,
        swarm: true,
        auto_review_enabled: true,
        ...(posterKey ? { poster_llm_key: posterKey.key, poster_llm_provider: posterKey.provider } : {}),
      });
    } catch (error) {
      if (error instanceof TaskHiveError && error.code === "SWARM_NEEDS_LLM_KEY")
        throw new SwarmUnavailable(`the server has no LLM key for the swarm's planner (${error.message})`);
      throw error;
    }
    log(
      `swarm mode: task ${task.id} "${task.title}" posted with ${budget} credits in category ${category.name} ` +
        `(sign in as ${poster.email} / ${poster.password} to watch it)`,
    );
    // With `fault`, the pool botches the first part it works on, so the fixer has a failed part to replace.
    const botchFile = fault && !workerLlm ? join(mkdtempSync(join(tmpdir(), "taskhive-swarm-fault-")), "botched") : null;
    for (const w of crew) processes.push(startWorker(baseUrl, w.agent.key, w.args, log, w.agent.name, { workerLlm, botchFile }));

    // The root's stream tells the whole story: calls, plan, parts posted and settled, the merge, its review and payment.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let payment = null;
    let stopped = null;
    let finishedAt = null;
    try {
      for await (const event of poster.th.taskEvents(task.id, { since: 0, signal: controller.signal })) {
        const line = describe(event);
        if (line) log(`swarm mode: ${line}`);
        if (event.type === "review.completed" && event.data.poster_decides) {
          // The reviewer left it to the poster (no revision left, or no verdict): accept by hand.
          await poster.th.acceptDeliverable({ id: task.id, deliverableId: event.data.deliverable_id });
          log("swarm mode: the poster accepts the merged deliverable by hand");
        }
        if (event.type === "deliverable.accepted") {
          payment = event.data;
          finishedAt = Date.now();
        }
        if (event.type === "swarm.stopped") stopped = event.data.reason;
        if (event.type === "task.cancelled") stopped = `cancelled (${event.data.reason ?? "no reason"})`;
        if (payment || stopped) break;
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    const seconds = ((finishedAt ?? Date.now()) - started) / 1000;

    for (const p of processes) p.child.kill("SIGINT");
    await Promise.all(processes.map((p) => p.exited));
    processes.length = 0;

    const tree = await poster.th.getSwarm({ id: task.id });
    const final = await poster.th.getTask({ id: task.id });
    const ledgers = await Promise.all(crew.map((w) => w.operator.th.getOperatorCredits()));
    const reviews = await reviewsOf(poster, crew, task.id, tree);
    return account({
      task,
      final,
      tree,
      payment,
      stopped,
      seconds,
      budget,
      crew,
      before,
      ledgers,
      reviews,
      timedOut: !payment && !stopped,
    });
  } finally {
    for (const p of processes) p.child.kill("SIGINT");
    await Promise.all(processes.map((p) => p.exited));
    await fake.stop();
  }
}

/** Every review of the tree's tasks the demo can see: the root's as its poster, the parts' as their workers. */
async function reviewsOf(poster, crew, rootId, tree) {
  const seen = new Map();
  const add = (rows) => {
    for (const row of rows) seen.set(row.id, row);
  };
  add(await poster.th.listReviews({ id: rootId }).catch(() => []));
  for (const part of tree.parts.filter((p) => p.task_id !== null)) {
    for (const w of crew) add(await w.agent.th.listReviews({ id: part.task_id }).catch(() => []));
  }
  return [...seen.values()];
}

/** The summary, and every check on it: the task paid once, each part paid once, the tree minting no more than the root's budget. */
function account({ task, final, tree, payment, stopped, seconds, budget, crew, before, ledgers, reviews, timedOut }) {
  const problems = [];
  const partTasks = new Map(tree.parts.filter((p) => p.task_id !== null).map((p) => [p.task_id, p]));

  // What the workers were paid for the parts, from their operators' ledgers.
  const paidFor = new Map();
  for (const ledger of ledgers) {
    for (const entry of ledger.transactions) {
      if (entry.type !== "payment" || !partTasks.has(entry.task_id)) continue;
      paidFor.set(entry.task_id, [...(paidFor.get(entry.task_id) ?? []), entry.amount]);
    }
  }
  let partsPaid = 0;
  let partFees = 0;
  let partsMinted = 0;
  for (const [taskId, part] of partTasks) {
    const payments = paidFor.get(taskId) ?? [];
    if (payments.length > 1) problems.push(`part ${part.key} (task ${taskId}) was paid ${payments.length} times`);
    if (part.state !== "done") {
      if (payments.length > 0) problems.push(`part ${part.key} (task ${taskId}) is ${part.state} but was paid`);
      continue;
    }
    const fee = feeOn(part.budget_credits);
    // A part done by an agent outside the demo's pool: its payment is not in these ledgers, so count the most it can be.
    const paid = payments[0] ?? part.budget_credits - fee;
    if (payments.length === 0) problems.push(`part ${part.key} (task ${taskId}) is done but no payment was found in the pool's ledgers`);
    if (paid + fee !== part.budget_credits)
      problems.push(`part ${part.key} paid ${paid} + ${fee} fee, not its budget of ${part.budget_credits}`);
    partsPaid += paid;
    partFees += fee;
    partsMinted += paid + fee;
  }
  const earned = ledgers.reduce((sum, ledger, i) => sum + ledger.credit_balance - before[i], 0);
  if (earned !== partsPaid) problems.push(`the pool's ledgers gained ${earned} credits, but the parts paid ${partsPaid}`);

  const rootMinted = payment ? payment.credits_paid + payment.platform_fee : 0;
  const donePartsBudget = tree.parts.filter((p) => p.state === "done").reduce((sum, p) => sum + p.budget_credits, 0);
  if (payment && rootMinted !== budget - donePartsBudget)
    problems.push(`the root paid out ${rootMinted}, not its budget less its paid parts (${budget - donePartsBudget})`);
  const minted = partsMinted + rootMinted;
  if (minted > budget) problems.push(`THE TREE MINTED ${minted} CREDITS, MORE THAN THE ROOT'S BUDGET OF ${budget}`);

  if (timedOut) problems.push("timed out before the task was paid");
  if (stopped) problems.push(`the swarm stopped: ${stopped}`);
  if (final.status !== "completed") problems.push(`the task is ${final.status}, not completed`);

  const calls = tree.calls.map((c) => ({
    round: c.round,
    kind: c.kind,
    part_key: c.part_key,
    key_source: c.key_source,
    model: c.model,
    tokens: c.usage ? c.usage.input_tokens + c.usage.output_tokens : null,
    cost_usd: c.cost_estimate_usd,
    outcome: c.outcome ?? c.error,
  }));
  const reviewCost = reviews.reduce((sum, r) => sum + (r.cost_estimate_usd ?? 0), 0);
  const workersPaid = new Set(ledgers.flatMap((l, i) => (l.credit_balance > before[i] ? [crew[i].agent.name] : []))).size;
  return {
    task_id: task.id,
    status: final.status,
    swarm_status: tree.status,
    seconds,
    parts: tree.parts.filter((p) => p.fix_of === null).length,
    fixes: tree.parts.filter((p) => p.fix_of !== null).length,
    parts_failed: tree.parts.filter((p) => p.state === "failed").length,
    waves: tree.waves,
    workers: crew.length,
    workers_paid: workersPaid,
    llm_calls: calls.length,
    llm_cost_usd: tree.cost_estimate_usd,
    calls,
    reviews: reviews.length,
    reviews_cost_usd: Math.round(reviewCost * 1e6) / 1e6,
    credits: {
      root_budget: budget,
      minted,
      parts_paid: partsPaid,
      parts_fees: partFees,
      coordinator_paid: payment?.credits_paid ?? 0,
      coordinator_fee: payment?.platform_fee ?? 0,
    },
    problems,
  };
}
