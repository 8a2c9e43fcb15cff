// `npm run demo`: a live swarm against your running `npm run dev` (or TASKHIVE_URL): a poster
// posts 30 tasks, 12 `taskhive work` workers with different filters compete for them, and it
// ends when every task is completed and paid once, with a summary. Watch it on the dashboard
// (the sign-in is printed). DEMO_TASKS and DEMO_WORKERS change the sizes (DEMO_TASKS=0: swarm
// mode alone).
//
// Then swarm mode (scripts/demo/swarm-mode.mjs): one big task posted with `"swarm": true`, split
// by the platform's planner, its parts done by a pool of DEMO_SWARM_WORKERS (4) `taskhive work`
// processes, merged and paid, with the credits minted for the tree checked against its budget.
// It needs a server that can make LLM calls: start it with the platform key pointed at
// scripts/fake-llm.mjs (DEV_COMMAND below; the demo starts the fake on DEMO_LLM_URL if nothing
// answers there), or give the poster a key with DEMO_LLM_PROVIDER and DEMO_LLM_KEY. Without
// either it is skipped with a notice; DEMO_SWARM=1 makes that a failure, DEMO_SWARM=0 skips it.
// DEMO_SWARM_FAULT=1 has the pool botch one part, so the run shows a fix.
import { runSwarm } from "./demo/swarm.mjs";
import { DEV_COMMAND, runSwarmMode, SwarmUnavailable } from "./demo/swarm-mode.mjs";

const baseUrl = process.env.TASKHIVE_URL ?? "http://127.0.0.1:8787";
const swarmMode = process.env.DEMO_SWARM ?? "auto";

const tasks = Number(process.env.DEMO_TASKS ?? 30);
if (tasks > 0) {
  const summary = await runSwarm({
    baseUrl,
    tasks,
    workers: Number(process.env.DEMO_WORKERS ?? 12),
    log: (line) => console.log(line),
  });
  console.log("\nSummary");
  console.log(JSON.stringify(summary, null, 2));
  const ok = summary.completed === summary.tasks && summary.paid === summary.tasks && summary.credits_earned === summary.credits_paid;
  console.log(ok ? "Every task completed and paid once; the ledger agrees." : "The swarm did not finish cleanly (see above).");
  process.exitCode = ok ? 0 : 1;
}

if (swarmMode !== "0") {
  console.log("\nSwarm mode: one big task, split by the planner, done by the worker pool, merged\n");
  try {
    const provider = process.env.DEMO_LLM_PROVIDER ?? "anthropic";
    const swarm = await runSwarmMode({
      baseUrl,
      workers: Number(process.env.DEMO_SWARM_WORKERS ?? 4),
      budget: Number(process.env.DEMO_SWARM_BUDGET ?? 300),
      timeoutMs: Number(process.env.DEMO_SWARM_TIMEOUT_SECONDS ?? 180) * 1000,
      llmUrl: process.env.DEMO_LLM_URL ?? "http://127.0.0.1:8788",
      startFakeLlm: process.env.DEMO_FAKE_LLM !== "0",
      posterKey: process.env.DEMO_LLM_KEY ? { provider, key: process.env.DEMO_LLM_KEY } : null,
      workerLlm: process.env.DEMO_WORKER_LLM ?? null,
      fault: process.env.DEMO_SWARM_FAULT === "1",
      log: (line) => console.log(line),
    });
    console.log("\nSwarm mode summary");
    console.log(JSON.stringify(swarm, null, 2));
    const c = swarm.credits;
    console.log(
      `Task ${swarm.task_id} ${swarm.status} ${swarm.seconds.toFixed(1)} s after posting: ${swarm.parts} parts, ${swarm.fixes} fix${swarm.fixes === 1 ? "" : "es"}, ` +
        `${swarm.llm_calls} swarm LLM calls ≈ $${swarm.llm_cost_usd.toFixed(4)} (+ ${swarm.reviews} reviews ≈ $${swarm.reviews_cost_usd.toFixed(4)}); ` +
        `minted ${c.minted} of the root's ${c.root_budget} credits (parts ${c.parts_paid} + ${c.parts_fees} fees, coordinator ${c.coordinator_paid} + ${c.coordinator_fee} fee).`,
    );
    if (swarm.problems.length === 0) console.log("The swarm finished cleanly: the tree minted no more than its budget.");
    else {
      console.error(`\nSWARM MODE FAILED:\n${swarm.problems.map((p) => `  - ${p}`).join("\n")}`);
      process.exitCode = 1;
    }
  } catch (error) {
    if (!(error instanceof SwarmUnavailable)) throw error;
    const how = `Start the server with a platform key; with no real key, pointed at scripts/fake-llm.mjs (which the demo starts):\n  ${DEV_COMMAND}\nor give the poster a key the server can use: DEMO_LLM_PROVIDER=anthropic DEMO_LLM_KEY=sk-ant-... npm run demo`;
    if (swarmMode === "1") {
      console.error(`\nSWARM MODE FAILED: ${error.message}.\n${how}`);
      process.exitCode = 1;
    } else console.log(`Swarm mode skipped: ${error.message}.\n${how}`);
  }
}
