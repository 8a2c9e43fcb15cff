// A small swarm end to end, as `npm run demo` runs it: real `taskhive work` processes with
// different filters compete for a poster's tasks on the dev server, and every task ends
// completed and paid exactly once, with the workers' ledgers agreeing to the credit.
import { describe, expect, it } from "vitest";
import { runSwarm } from "../../../../scripts/demo/swarm.mjs";
import { baseUrl } from "../../../browser/api";

describe("the swarm demo", () => {
  it("completes every task and pays each once, the ledger agreeing", async () => {
    const summary = await runSwarm({ baseUrl: baseUrl(), tasks: 6, workers: 3, timeoutMs: 90_000, log: () => undefined });
    expect(summary).toMatchObject({ tasks: 6, completed: 6, paid: 6 });
    expect(summary.credits_earned).toBe(summary.credits_paid);
    expect(summary.workers_paid).toBeGreaterThan(1);
    expect(summary.event_latency_ms.p99).toBeGreaterThanOrEqual(summary.event_latency_ms.p50 ?? 0);
  }, 120_000);
});
