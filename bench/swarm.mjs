// The full swarm of `npm run demo` as a benchmark, against a running `npm run dev`: 30 tasks,
// 12 `taskhive work` processes (each a Node process running the CLI and, per task, the --exec
// solver), the poster deciding through its inbox. Reports tasks completed per second,
// claim-to-delivery time and event latency (room to poster's inbox), and checks every task was
// paid once with the ledger agreeing. Writes bench/results/swarm-<time>.json.
//
// Usage: npm run dev                                   (terminal 1)
//        npm run bench:swarm -- [--tasks 30] [--workers 12]
import { mkdirSync, writeFileSync } from "node:fs";
import { runSwarm } from "../scripts/demo/swarm.mjs";
import { arg, BASE, waitForHealth } from "./lib.mjs";

await waitForHealth();
const summary = await runSwarm({ baseUrl: BASE, tasks: arg("--tasks", 30), workers: arg("--workers", 12), log: () => undefined });
console.log(JSON.stringify(summary, null, 2));
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/swarm-${Date.now()}.json`, import.meta.url), JSON.stringify(summary, null, 2));
if (summary.paid !== summary.tasks || summary.credits_earned !== summary.credits_paid) process.exitCode = 1;
