/**
 * Work never gets stuck: a seeded simulation of 500 tasks whose people misbehave. Agents go
 * silent, give work back, deliver, deliver late or never, split work into subtasks; posters ignore
 * bids and deliveries, or decide. Then time passes (every timer is moved into the past and each
 * room's alarm fires, as the runtime would once they fall due, until nothing changes). Audit:
 * every task ended (or is still under a live lease), every completed task was paid exactly once
 * and nothing else was, the ledger's invariants hold, and no tree minted more than its root's
 * budget. Rerun a seed with VITE_WORK_SIMULATION_SEED=<seed>.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TaskRecord } from "../../src/domain/task";
import { TERMINAL_STATUSES } from "../../src/domain/task-machine";
import { type Agent, type ApiResult, type Person, personWithAgent, registerPerson, send } from "../helpers/api";
import {
  balanceAfterChainBreaks,
  balancesNotMatchingEntries,
  negativeUserBalances,
  sumOfAllEntries,
  unbalancedTransfers,
} from "../helpers/ledger-audit";
import { chooseSeed, type Random, seededRandom } from "../helpers/random";
import { settled } from "../helpers/rooms";
import { fireAlarm, justPassed, moveClock, roomTask } from "../helpers/timers";

const SEED = chooseSeed("VITE_WORK_SIMULATION_SEED");
const TASKS = 500;
const AT_ONCE = 25;

interface Cast {
  posters: Person[];
  agents: Agent[];
}

/** Every task the run created (roots and parts), with each part's root. */
const created: number[] = [];
const rootOf = new Map<number, number>();
const budgetOf = new Map<number, number>();

/** Refusals by `status CODE`: the expected conflicts of people acting at once. */
const refusals = new Map<string, number>();

async function ok<T>(result: Promise<ApiResult<T>>): Promise<T | null> {
  const r = await result;
  if (r.status >= 500) throw new Error(`server error ${r.status}: ${JSON.stringify(r.body)}`);
  if (r.status < 300) return r.body.data;
  const reason = `${r.status} ${r.body.error?.code ?? "?"}`;
  refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
  return null;
}

function inAnHour(): string {
  return new Date(Date.now() + 3_600_000).toISOString();
}

async function post(by: Person | Agent, path: string, budget: number, root: number | null): Promise<number | null> {
  const body = {
    title: `Simulated ${budget}`,
    description: "A simulated task with a long enough description.",
    budget_credits: budget,
    lease_seconds: 60,
    auto_accept_seconds: 60,
    deadline: inAnHour(),
    // Some allow no revision, so a poster's reject can end them disputed.
    max_revisions: budget % 3 === 0 ? 0 : 2,
  };
  const task = await ok<{ id: number }>(send("POST", path, by, { body }));
  if (!task) return null;
  created.push(task.id);
  rootOf.set(task.id, root ?? task.id);
  budgetOf.set(task.id, budget);
  return task.id;
}

/** Bids from up to three agents not of the poster; the poster's side accepts one (or ignores them). */
async function assign(rng: Random, cast: Cast, posterSide: Person | Agent, taskId: number, exclude: number): Promise<Agent | null> {
  const bidders = cast.agents.filter((a) => a.operator.id !== exclude);
  const chosen = Array.from({ length: rng.int(0, 3) }, () => rng.pick(bidders)).filter((a): a is Agent => a !== undefined);
  const bids: { agent: Agent; id: number }[] = [];
  for (const agent of new Set(chosen)) {
    const bid = await ok<{ id: number }>(send("POST", `/api/v1/tasks/${taskId}/claims`, agent, { body: { proposed_credits: 10 } }));
    if (bid) bids.push({ agent, id: bid.id });
  }
  const winner = rng.chance(0.85) ? rng.pick(bids) : undefined;
  if (!winner) return null;
  const accepted = await ok(send("POST", `/api/v1/tasks/${taskId}/claims/${winner.id}/accept`, posterSide));
  return accepted ? winner.agent : null;
}

/** The poster's side on a delivery: accept, send back, reject, or never answer (the window decides). */
async function decide(rng: Random, posterSide: Person | Agent, holder: Agent, taskId: number, deliverableId: number): Promise<void> {
  const choice = rng.weighted({ accept: 4, revise: 2, reject: 1, ignore: 3 });
  if (choice === "ignore") return;
  if (choice === "accept") {
    await ok(send("POST", `/api/v1/tasks/${taskId}/deliverables/${deliverableId}/accept`, posterSide));
    return;
  }
  if (choice === "reject") {
    await ok(send("POST", `/api/v1/tasks/${taskId}/deliverables/${deliverableId}/reject`, posterSide, { body: { reason: "Not it" } }));
    return;
  }
  const sent = await ok(
    send("POST", `/api/v1/tasks/${taskId}/deliverables/${deliverableId}/revision`, posterSide, { body: { revision_notes: "More" } }),
  );
  if (sent && rng.chance(0.6)) await ok(send("POST", `/api/v1/tasks/${taskId}/deliverables`, holder, { body: { content: "Revised" } }));
}

/** One task's life: posted, maybe assigned, then whatever its agent and poster do. */
async function live(
  rng: Random,
  cast: Cast,
  posterSide: Person | Agent,
  path: string,
  budget: number,
  root: number | null,
  depth: number,
): Promise<void> {
  const taskId = await post(posterSide, path, budget, root);
  if (taskId === null) return;
  const posterPerson = "operator" in posterSide ? posterSide.operator.id : posterSide.id;
  const holder = await assign(rng, cast, posterSide, taskId, posterPerson);
  if (!holder) return;
  const behaviour = rng.weighted({ vanish: 2, abandon: 1, delegate: depth < 2 ? 2 : 0, deliver: 5 });
  if (behaviour === "vanish") return;
  if (behaviour === "abandon") {
    const claims = await ok<{ id: number; agent_id: number; status: string }[]>(send("GET", `/api/v1/agents/me/claims?limit=100`, holder));
    const mine = claims?.find((c) => c.status === "accepted" && Math.floor(c.id / 1_000_000) === taskId);
    if (mine) await ok(send("POST", `/api/v1/tasks/${taskId}/claims/${mine.id}/withdraw`, holder));
    return;
  }
  if (rng.chance(0.5)) await ok(send("POST", `/api/v1/tasks/${taskId}/heartbeat`, holder, { body: { progress: rng.int(0, 100) } }));
  if (behaviour === "delegate") {
    const parts = rng.int(1, 2);
    for (let i = 0; i < parts; i++) {
      await live(
        rng,
        cast,
        holder,
        `/api/v1/tasks/${taskId}/subtasks`,
        rng.int(10, Math.max(10, Math.floor(budget / 3))),
        root ?? taskId,
        depth + 1,
      );
    }
  }
  if (rng.chance(0.15)) return; // never delivers
  const work = await ok<{ id: number }>(send("POST", `/api/v1/tasks/${taskId}/deliverables`, holder, { body: { content: "Done" } }));
  if (work) await decide(rng, posterSide, holder, taskId, work.id);
}

/** Time passes: every timer of every task falls due and its room's alarm fires, until nothing changes. */
async function passTime(): Promise<void> {
  for (let round = 0; round < 6; round++) {
    let fired = 0;
    for (let i = 0; i < created.length; i += AT_ONCE) {
      await Promise.all(
        created.slice(i, i + AT_ONCE).map(async (id) => {
          const task = await roomTask(id);
          if (!task || TERMINAL_STATUSES.includes(task.status)) return;
          const due = justPassed();
          const times = {
            ...(task.leaseExpiresAt ? { leaseExpiresAt: due } : {}),
            ...(task.autoAcceptAt ? { autoAcceptAt: due } : {}),
            ...(task.deadline ? { deadline: due } : {}),
          };
          await moveClock(id, times);
          await fireAlarm(id);
          fired += 1;
        }),
      );
    }
    // What follows the alarms: projections, cascades to parts, parts telling their parents.
    for (let i = 0; i < created.length; i += AT_ONCE) await settled(...created.slice(i, i + AT_ONCE));
    if (fired === 0) return;
  }
}

async function paymentKeysByTask(): Promise<Map<number, string[]>> {
  const { results } = await env.DB.prepare(
    "SELECT task_id, transfer_key FROM ledger_entries WHERE task_id IS NOT NULL AND amount > 0",
  ).all<{
    task_id: number;
    transfer_key: string;
  }>();
  const keys = new Map<number, string[]>();
  for (const r of results) keys.set(r.task_id, [...(keys.get(r.task_id) ?? []), r.transfer_key]);
  return keys;
}

describe("work never gets stuck", () => {
  it(`ends every one of ${TASKS} tasks, pays each completion once, and keeps every tree within its root budget`, async () => {
    const rng = seededRandom(SEED);
    console.log(`work simulation: seed ${SEED} (rerun with VITE_WORK_SIMULATION_SEED=${SEED})`);
    const cast: Cast = {
      // Enough people that nobody reaches the per-minute rate limit.
      posters: await Promise.all(Array.from({ length: 50 }, (_, i) => registerPerson(`Poster ${i}`))),
      agents: await Promise.all(Array.from({ length: 60 }, (_, i) => personWithAgent(`Agent ${i}`))),
    };
    for (let i = 0; i < TASKS; i += AT_ONCE) {
      const lives = Array.from({ length: Math.min(AT_ONCE, TASKS - i) }, () => {
        const poster = rng.pick(cast.posters);
        if (!poster) throw new Error("no posters");
        return live(seededRandom(rng.int(1, 2 ** 31)), cast, poster, "/api/v1/tasks", rng.int(20, 300), null, 0);
      });
      await Promise.all(lives);
    }
    await passTime();
    console.log(`work simulation: refusals ${JSON.stringify(Object.fromEntries(refusals))}`);
    expect(refusals.get("429 RATE_LIMITED") ?? 0).toBe(0);
    expect([...rootOf].filter(([id, root]) => id === root)).toHaveLength(TASKS);

    const now = Date.now();
    const states = new Map<number, TaskRecord>();
    for (const id of created) {
      const task = await roomTask(id);
      if (task) states.set(id, task);
    }
    const stuck = [...states.values()].filter(
      (t) => !TERMINAL_STATUSES.includes(t.status) && !(t.leaseExpiresAt !== null && Date.parse(t.leaseExpiresAt) > now),
    );
    expect(stuck.map((t) => `${t.id} ${t.status}`)).toEqual([]);

    const keys = await paymentKeysByTask();
    const completed = [...states.values()].filter((t) => t.status === "completed");
    expect(completed.length).toBeGreaterThan(20);
    for (const task of completed) {
      const paid = (keys.get(task.id) ?? []).filter((k) => k === `task:${task.id}:payment`);
      expect(paid, `task ${task.id} payment entries`).toHaveLength(1);
    }
    const unpaidButPaid = [...states.values()].filter((t) => t.status !== "completed" && keys.has(t.id)).map((t) => t.id);
    expect(unpaidButPaid).toEqual([]);

    expect(await balancesNotMatchingEntries()).toEqual([]);
    expect(await unbalancedTransfers()).toEqual([]);
    expect(await negativeUserBalances()).toEqual([]);
    expect(await balanceAfterChainBreaks()).toEqual([]);
    expect(await sumOfAllEntries()).toBe(0);

    // Every tree mints (payments and fees) at most its root's budget.
    const { results } = await env.DB.prepare(
      "SELECT task_id, sum(amount) AS minted FROM ledger_entries WHERE task_id IS NOT NULL AND amount > 0 GROUP BY task_id",
    ).all<{
      task_id: number;
      minted: number;
    }>();
    const byRoot = new Map<number, number>();
    for (const r of results) {
      const root = rootOf.get(r.task_id);
      if (root !== undefined) byRoot.set(root, (byRoot.get(root) ?? 0) + r.minted);
    }
    const over = [...byRoot].filter(([root, minted]) => minted > (budgetOf.get(root) ?? 0));
    expect(over).toEqual([]);
    const trees = new Set([...rootOf].filter(([id, root]) => id !== root).map(([, root]) => root));
    console.log(
      `work simulation: ${created.length} tasks (${trees.size} trees), ${completed.length} completed, ` +
        `${[...states.values()].filter((t) => t.status === "cancelled").length} cancelled, ${[...states.values()].filter((t) => t.status === "disputed").length} disputed`,
    );
  }, 600_000);
});
