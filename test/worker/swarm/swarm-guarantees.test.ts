import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { roomOf } from "../../../src/contracts/addresses";
import { SWARM_PART_WINDOW_SECONDS } from "../../../src/domain/swarm/parts";
import { consumeSwarm, consumeSwarmDeadLetters } from "../../../src/queues/swarm/consumer";
import { expectStatus, personWithAgent, postTask, registerPerson } from "../../helpers/api";
import { expectErrorCall } from "../../helpers/flows";
import { POSTER_KEY } from "../../helpers/review";
import { part, partTask, plan, promptOf, scriptedModel, swarmOf, swarmTask, swarmWhen } from "../../helpers/swarm";
import { fireAlarm, justPassed, moveClock, roomTask } from "../../helpers/timers";

let restore: () => void = () => {};
afterEach(() => restore());

async function redeliver(taskId: number, round: number, attempts = 2): Promise<{ acked: number; retried: number }> {
  const batch = createMessageBatch("taskhive-swarm", [
    { id: crypto.randomUUID(), timestamp: new Date(), attempts, body: { v: 1, task_id: taskId, round } },
  ]);
  await consumeSwarm(batch, env);
  const result = await getQueueResult(batch, createExecutionContext());
  return { acked: result.explicitAcks.length, retried: result.retryMessages.length };
}

async function partsInD1(parentId: number): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM tasks WHERE parent_task_id = ?").bind(parentId).first<{ n: number }>();
  return row?.n ?? 0;
}

describe("a swarm's calls are made and applied once", () => {
  it("ignores a redelivered job and a repeated report: each part is posted once, and the model is not asked again", async () => {
    const model = scriptedModel({ plan: () => plan(part("a", 40), part("b", 40)) });
    restore = model.restore;
    const { poster, task } = await swarmTask();
    await swarmWhen(poster, task.id, (s) => s.status === "running", "the plan applied");
    const asked = model.seen.length;

    expect(await redeliver(task.id, 1)).toEqual({ acked: 1, retried: 0 });
    const room = roomOf(env, task.id);
    const again = await room.finishSwarmCall(1, {
      keySource: "poster",
      provider: "anthropic",
      model: "claude-fake",
      inputTokens: 1,
      outputTokens: 1,
      costMicroUsd: null,
      error: null,
      answer: plan(part("c", 40)),
      ids: [999_999],
    });
    expect(again).toEqual({ ok: true, value: { applied: false } });

    expect(model.seen.length).toBe(asked);
    await room.settle();
    expect(await partsInD1(task.id)).toBe(2);
    const swarm = await swarmOf(poster, task.id);
    expect(swarm.parts.map((p) => p.key)).toEqual(["a", "b"]);
    expect(swarm.rounds_used).toBe(1);
  });

  it("stops the swarm and hands the task to its poster when a job is dead-lettered", async () => {
    restore = scriptedModel({ plan: () => plan(part("a", 40)) }).restore;
    const { poster, task } = await swarmTask();
    await swarmWhen(poster, task.id, (s) => s.status === "running", "the plan applied");
    const dead = createMessageBatch("taskhive-swarm-dlq", [
      { id: crypto.randomUUID(), timestamp: new Date(), attempts: 5, body: { v: 1, task_id: task.id, round: 2 } },
    ]);
    await consumeSwarmDeadLetters(dead, env);
    const swarm = await swarmOf(poster, task.id);
    expect(swarm).toMatchObject({ status: "stopped", stop_reason: expect.stringContaining("call 2 could not be completed") });
    const letters = await env.DB.prepare("SELECT count(*) AS n FROM dead_letters WHERE queue = 'taskhive-swarm-dlq'").first<{
      n: number;
    }>();
    expect(letters?.n).toBeGreaterThan(0);
  });

  it("stops for the poster when no key is left to pay for the next call", async () => {
    // The first plan does not fit; asking again needs a second call, which the poster's limit of one does not allow.
    restore = scriptedModel({ plan: () => plan(part("a", 150), part("b", 150)) }).restore;
    const { poster, task } = await swarmTask({ poster_max_reviews: 1 });
    const stopped = await swarmWhen(poster, task.id, (s) => s.status === "stopped", "the swarm stopped");
    expect(stopped.stop_reason).toContain("no LLM key");
    expect(stopped.calls.map((c) => c.key_source)).toEqual(["poster", "none"]);
  });
});

describe("posting in swarm mode", () => {
  it("refuses what a swarm cannot run, each with the contract's envelope", async () => {
    const poster = await registerPerson("Swarm refusals");
    const body = { title: "A swarm task", description: "Long enough to pass the validation of a description.", swarm: true };
    const withKey = { ...body, poster_llm_key: POSTER_KEY, poster_llm_provider: "anthropic" };
    await expectErrorCall(422, "SWARM_BUDGET_TOO_SMALL", /at least 20 credits/, "POST", "/api/v1/tasks", poster, {
      body: { ...withKey, budget_credits: 15 },
    });
    // This test deployment has no platform key: without the poster's, nothing can pay for the planner.
    await expectErrorCall(422, "SWARM_NEEDS_LLM_KEY", undefined, "POST", "/api/v1/tasks", poster, {
      body: { ...body, budget_credits: 100 },
    });
    const plain = await postTask(poster);
    await expectErrorCall(404, "SWARM_NOT_FOUND", undefined, "GET", `/api/v1/tasks/${plain.id}/swarm`, poster);
  });

  it("shows everyone the tree, and only the poster's side its calls and their cost", async () => {
    restore = scriptedModel({ plan: () => plan(part("a", 40)) }).restore;
    const { poster, task } = await swarmTask();
    await swarmWhen(poster, task.id, (s) => s.status === "running", "the plan applied");
    const stranger = await personWithAgent("Onlooker");
    const seen = await expectStatus<{ parts: unknown[]; calls: unknown[] }>(200, "GET", `/api/v1/tasks/${task.id}/swarm`, stranger);
    expect(seen.parts).toHaveLength(1);
    expect(seen.calls).toEqual([]);
    expect((await swarmOf(poster, task.id)).calls).toHaveLength(1);
  });
});

describe("a part nobody takes", () => {
  it("is cancelled at its deadline (the part window when the task has none) and re-planned as a fix", async () => {
    const model = scriptedModel({
      plan: () => plan(part("a", 40)),
      fix: () => ({
        feasible: true,
        reason: "Pay more for it",
        part: {
          title: "Part a, better paid",
          description: "Write part a of the report, now for more credits.",
          acceptance_criteria: ["done"],
          budget_credits: 80,
        },
      }),
    });
    restore = model.restore;
    const { poster, task } = await swarmTask();
    const planned = await swarmWhen(poster, task.id, (s) => s.status === "running", "the plan applied");
    const partId = partTask(planned, "a");
    const window = Date.parse((await roomTask(partId))?.deadline ?? "") - Date.now();
    expect(window).toBeGreaterThan(SWARM_PART_WINDOW_SECONDS * 1000 - 60_000);

    await moveClock(partId, { deadline: justPassed() });
    await fireAlarm(partId);

    const fixed = await swarmWhen(poster, task.id, (s) => s.parts.some((p) => p.fix_of === "a" && p.state === "posted"), "the fix posted");
    expect(fixed.parts[0]).toMatchObject({ key: "a", state: "failed", task: { status: "cancelled" } });
    const fixRequest = model.seen.find((r) => (r.body["tool_choice"] as { name: string }).name === "submit_fix");
    expect(promptOf(fixRequest ?? { url: "", headers: new Headers(), body: {} })).toContain("No worker claimed it");
  });
});
