// Swarm mode as `npm run demo` runs it: one task posted with `"swarm": true`, planned by the
// platform (scripts/fake-llm.mjs through the dev server's platform key), its parts claimed and
// delivered by real `taskhive work` processes, one botched part replaced through the fixer, the
// parts merged, and the tree minting exactly the root's budget, no more.
import { describe, expect, it } from "vitest";
import { runSwarmMode } from "../../../../scripts/demo/swarm-mode.mjs";
import { baseUrl, llmUrl } from "../../../browser/api";

describe("the swarm-mode demo", () => {
  it("plans, has the pool do the parts, replaces a failed one, merges, and pays the tree its budget", async () => {
    const summary = await runSwarmMode({
      baseUrl: baseUrl(),
      llmUrl: llmUrl(),
      startFakeLlm: false,
      workers: 3,
      budget: 200,
      fault: true,
      timeoutMs: 100_000,
      log: () => undefined,
    });
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({ status: "completed", swarm_status: "ended", parts: 4, fixes: 1, parts_failed: 1 });
    expect(summary.calls.map((call: { kind: string }) => call.kind)).toEqual(["plan", "fix", "merge"]);
    expect(summary.llm_cost_usd).toBeGreaterThan(0);
    expect(summary.credits.minted).toBe(200);
    expect(summary.workers_paid).toBeGreaterThan(0);
  }, 120_000);
});
