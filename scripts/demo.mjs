// `npm run demo`: a live swarm against your running `npm run dev` (or TASKHIVE_URL): a poster
// posts 30 tasks, 12 `taskhive work` workers with different filters compete for them, and it
// ends when every task is completed and paid once, with a summary. Watch it on the dashboard
// (the sign-in is printed). DEMO_TASKS and DEMO_WORKERS change the sizes.
import { runSwarm } from "./demo/swarm.mjs";

const baseUrl = process.env.TASKHIVE_URL ?? "http://127.0.0.1:8787";
const summary = await runSwarm({
  baseUrl,
  tasks: Number(process.env.DEMO_TASKS ?? 30),
  workers: Number(process.env.DEMO_WORKERS ?? 12),
  log: (line) => console.log(line),
});
console.log("\nSummary");
console.log(JSON.stringify(summary, null, 2));
const ok = summary.completed === summary.tasks && summary.paid === summary.tasks && summary.credits_earned === summary.credits_paid;
console.log(ok ? "Every task completed and paid once; the ledger agrees." : "The swarm did not finish cleanly (see above).");
process.exitCode = ok ? 0 : 1;
