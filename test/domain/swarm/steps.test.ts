import { describe, expect, it } from "vitest";
import type { Delegation } from "../../../src/domain/subtasks";
import { type CallReport, finishCall, takeCall } from "../../../src/domain/swarm/calls";
import { newSwarm, type SwarmRecord } from "../../../src/domain/swarm/record";
import { advance, SWARM_MAX_ROUNDS, type SwarmSituation, startSwarm } from "../../../src/domain/swarm/steps";
import { plannedPart } from "../fixtures";

const AT = "2030-01-01T00:00:00.000Z";
const coordinator = { agentId: 1, operatorId: 1 };

const part = plannedPart;

function situation(delegations: Delegation[] = [], delegable = 190): SwarmSituation {
  return { status: "in_progress", delegations, delegable, revisionNotes: null };
}

function report(answer: unknown, ids: number[] = []): CallReport {
  return {
    keySource: "poster",
    provider: "anthropic",
    model: "m",
    inputTokens: 1,
    outputTokens: 1,
    costMicroUsd: 3,
    error: null,
    answer,
    ids,
  };
}

function planned(...parts: ReturnType<typeof part>[]): SwarmRecord {
  const started = startSwarm(newSwarm(coordinator), AT).swarm;
  const step = finishCall(
    started,
    1,
    report(
      { feasible: true, reason: "", parts },
      parts.map((_, i) => 100 + i),
    ),
    situation(),
    AT,
  );
  if (!step) throw new Error("the plan was not applied");
  return step.swarm;
}

const paid = (childId: number, budget = 40): Delegation => ({ childId, budgetCredits: budget, state: "paid", postedAt: 1 });
const released = (childId: number, budget = 40): Delegation => ({ childId, budgetCredits: budget, state: "released", postedAt: 1 });

describe("the swarm's steps", () => {
  it("posts the parts with no dependencies at once, and the rest as their dependencies are paid", () => {
    const swarm = planned(part("a", 40), part("b", 40), part("c", 40, ["a", "b"]));
    expect(swarm.parts.map((p) => p.state)).toEqual(["posted", "posted", "waiting"]);
    const halfway = advance(swarm, situation([paid(100)]), AT);
    expect(halfway.post).toEqual([]);
    const ready = advance(halfway.swarm, situation([paid(100), paid(101)]), AT);
    expect(ready.post.map((p) => p.key)).toEqual(["c"]);
  });

  it("asks for the merge once every part is done, and again with the notes when the merge is sent back", () => {
    const swarm = planned(part("a", 40));
    const merging = advance(swarm, situation([paid(100)]), AT);
    expect(merging.swarm.status).toBe("merging");
    expect(merging.news.map((n) => n.type)).toEqual(["swarm.call_requested"]);
    const delivered = finishCall(merging.swarm, 2, report({ content: "merged" }), situation([paid(100)]), AT);
    expect(delivered?.deliver).toBe("merged");
    const sentBack = advance(delivered?.swarm as SwarmRecord, { ...situation([paid(100)]), revisionNotes: "Add a summary" }, AT);
    expect(sentBack.swarm.calls.at(-1)).toMatchObject({ kind: "merge", notes: "Add a summary", state: "requested" });
  });

  it("marks a part that ended unpaid as failed and asks for a fix whose replacement takes over its dependents", () => {
    const swarm = planned(part("a", 40), part("b", 40, ["a"]));
    const failed = advance(swarm, situation([released(100)]), AT);
    expect(failed.swarm.parts[0]?.state).toBe("failed");
    expect(failed.swarm.calls.at(-1)).toMatchObject({ kind: "fix", partKey: "a" });
    const fix = {
      feasible: true,
      reason: "",
      part: {
        title: "Part a again",
        description: "Redo part a, more carefully this time.",
        acceptance_criteria: ["done"],
        budget_credits: 40,
      },
    };
    const fixed = finishCall(failed.swarm, 2, report(fix, [200]), situation([released(100)]), AT);
    expect(fixed?.post.map((p) => [p.key, p.taskId])).toEqual([["a-fix1", 200]]);
    expect(fixed?.swarm.parts.find((p) => p.key === "b")?.dependsOn).toEqual(["a-fix1"]);
  });

  it("stops, with the reason, when the rounds run out", () => {
    let swarm = startSwarm(newSwarm(coordinator), AT).swarm;
    for (let round = 1; round <= SWARM_MAX_ROUNDS; round++) {
      swarm = finishCall(swarm, round, report({ not: "a plan" }), situation(), AT)?.swarm as SwarmRecord;
    }
    expect(swarm.status).toBe("stopped");
    expect(swarm.stopReason).toContain(`all ${SWARM_MAX_ROUNDS} of its LLM calls`);
    expect(swarm.calls).toHaveLength(SWARM_MAX_ROUNDS);
  });

  it("lets one holder take a call while its lease runs, the same holder again, and another once it lapses", () => {
    const swarm = startSwarm(newSwarm(coordinator), AT).swarm;
    const key = { source: "poster" as const, provider: "anthropic" as const };
    const first = takeCall(swarm, 1, "m1", new Date(AT), key);
    if (first.kind !== "take") throw new Error("not taken");
    expect(takeCall(first.swarm, 1, "m2", new Date(Date.parse(AT) + 1000), key).kind).toBe("busy");
    expect(takeCall(first.swarm, 1, "m1", new Date(Date.parse(AT) + 1000), key)).toMatchObject({ kind: "take", fresh: false });
    expect(takeCall(first.swarm, 1, "m2", new Date(Date.parse(AT) + 301_000), key)).toMatchObject({ kind: "take", fresh: false });
  });

  it("applies a call's report once: a repeat changes nothing", () => {
    const swarm = planned(part("a", 40));
    expect(finishCall(swarm, 1, report({ feasible: true, reason: "", parts: [part("z", 40)] }, [999]), situation(), AT)).toBeNull();
  });
});
