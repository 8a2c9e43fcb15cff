/**
 * A randomized, concurrent workload through the HTTP API, then an audit of the ledger in D1.
 * The workload (what may happen and how often) is test/helpers/ledger-workload.ts; this file
 * runs it in batches and audits the outcome.
 *
 * Operations are chosen by a seeded PRNG from the state the projection shows between batches,
 * read while the rooms' postings to D1 (carried by the events queue) still lag behind their
 * answers (the workload calls the routes directly, never waiting for a projection), and each batch of 10-20 runs at once, so competing commands (two accepts of one deliverable,
 * a delivery racing a rollback, a claim racing an accept...) really race. Refusals (4xx) are
 * part of the game; a 5xx or a non-JSON answer is a failure. Rerun a failing seed with
 * VITE_LEDGER_INVARIANTS_SEED=<seed>; choices depend on how earlier races resolved, so a replay
 * follows the same plan only as far as those outcomes repeat.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { COORDINATOR_EMAIL } from "../../src/db/coordinator";
import {
  allEntries,
  balanceAfterChainBreaks,
  balancesNotMatchingEntries,
  negativeUserBalances,
  sumOfAllEntries,
  unbalancedTransfers,
} from "../helpers/ledger-audit";
import { KINDS, type Kind, type Operation, plan, WEIGHTS } from "../helpers/ledger-workload";
import { groupBy, type TaskRow, World } from "../helpers/ledger-world";
import { chooseSeed, seededRandom } from "../helpers/random";
import { allRoomsSettled } from "../helpers/rooms";

const SEED = chooseSeed("VITE_LEDGER_INVARIANTS_SEED");
const TOTAL_OPERATIONS = 800;
const MIN_COMPLETIONS = 20;

// The contract's numbers, restated here rather than imported so the audit is independent.
const USER_BONUS = 500;
const AGENT_BONUS = 100;
const expectedPayment = (budget: number) => budget - Math.floor((budget * 10) / 100);
const expectedFee = (budget: number) => Math.floor((budget * 10) / 100);

interface Tally {
  ok: number;
  refused: number;
  failed: number;
  /** Refusals by `status CODE`, to show they are the expected conflicts. */
  reasons: Record<string, number>;
}

interface Failure {
  kind: Kind;
  operation: string;
  status: number | "threw";
  detail: string;
}

describe("the ledger under a randomized concurrent workload", () => {
  it(`keeps every credit invariant after ${TOTAL_OPERATIONS} mixed operations in concurrent batches`, async () => {
    const started = Date.now();
    const rng = seededRandom(SEED);
    console.log(`ledger invariants: seed ${SEED} (rerun with VITE_LEDGER_INVARIANTS_SEED=${SEED})`);
    const world = new World(rng);
    const tally = Object.fromEntries(KINDS.map((k) => [k, { ok: 0, refused: 0, failed: 0, reasons: {} }])) as Record<Kind, Tally>;
    const failures: Failure[] = [];
    const straySuccesses: string[] = [];
    let executed = 0;
    let batches = 0;

    const execute = async (op: Operation) => {
      const t = tally[op.kind];
      try {
        const result = await op.run();
        if (result.status >= 500) {
          t.failed += 1;
          failures.push({ kind: op.kind, operation: op.describe, status: result.status, detail: JSON.stringify(result.body) });
        } else if (result.status >= 200 && result.status < 300) {
          t.ok += 1;
          if (op.kind === "stray") straySuccesses.push(`${op.describe} -> ${result.status}`);
          op.onSuccess?.(result);
        } else {
          t.refused += 1;
          const reason = `${result.status} ${result.body.error?.code ?? "?"}`;
          t.reasons[reason] = (t.reasons[reason] ?? 0) + 1;
        }
      } catch (error) {
        t.failed += 1;
        failures.push({ kind: op.kind, operation: op.describe, status: "threw", detail: String(error) });
      }
    };

    const runBatch = async (ops: Operation[]) => {
      batches += 1;
      executed += ops.length;
      await Promise.all(ops.map(execute));
      // Think time before looking again: the events consumer that writes D1 runs in this test's
      // isolate, so a workload that never paused would starve it (the lag, not the pause, is
      // what the run is about: it reads D1 while postings are still in flight).
      await new Promise((resolve) => setTimeout(resolve, rng.int(50, 150)));
      await world.refresh();
    };

    // Seed the market: a few people, then agents for them, each batch concurrent.
    await runBatch(Array.from({ length: 8 }, () => plan("register", world, rng)).filter((op): op is Operation => op !== null));
    await runBatch(Array.from({ length: 12 }, () => plan("createAgent", world, rng)).filter((op): op is Operation => op !== null));

    while (executed < TOTAL_OPERATIONS) {
      const size = rng.int(10, 20);
      const ops: Operation[] = [];
      while (ops.length < size) {
        // A kind with nothing to act on yields to another draw, then to posting a task.
        let op: Operation | null = null;
        for (let attempt = 0; attempt < 5 && op === null; attempt++) op = plan(rng.weighted(WEIGHTS), world, rng);
        ops.push(op ?? plan("postTask", world, rng)!);
      }
      await runBatch(ops);
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`ledger invariants: seed ${SEED}, ${executed} operations in ${batches} concurrent batches, ${seconds}s`);
    console.log(
      [
        `${"operation".padEnd(18)}${"ok".padStart(6)}${"refused".padStart(9)}${"failed".padStart(8)}`,
        ...KINDS.map(
          (k) =>
            `${k.padEnd(18)}${String(tally[k].ok).padStart(6)}${String(tally[k].refused).padStart(9)}${String(tally[k].failed).padStart(8)}  ${Object.entries(
              tally[k].reasons,
            )
              .map(([r, n]) => `${r} x${n}`)
              .join(", ")}`,
        ),
        `completions answered 200: ${world.completions.length}`,
      ].join("\n"),
    );

    const context = `seed ${SEED}`;
    expect(failures, `${context}: 5xx answers or non-JSON responses`).toEqual([]);
    expect(straySuccesses, `${context}: actions by a stranger must be refused`).toEqual([]);
    expect(executed).toBeGreaterThanOrEqual(500);
    for (const kind of [
      "register",
      "createAgent",
      "postTask",
      "claim",
      "acceptClaim",
      "deliver",
      "requestRevision",
      "acceptDeliverable",
      "cancel",
      "rollback",
      "withdraw",
    ] as const) {
      expect(tally[kind].ok, `${context}: at least one ${kind} succeeded`).toBeGreaterThan(0);
    }
    expect(world.completions.length, `${context}: completions`).toBeGreaterThanOrEqual(MIN_COMPLETIONS);

    // The audit reads D1: first every room's postings must have landed.
    await allRoomsSettled();
    await auditLedger(world, context);
  }, 120_000);
});

async function auditLedger(world: World, context: string): Promise<void> {
  const [entries, tasksResult, agentsResult, usersResult, accountsResult] = await Promise.all([
    allEntries(),
    env.DB.prepare(`SELECT id, poster_id, status, claimed_by_agent_id, budget_credits FROM tasks`).all<TaskRow>(),
    env.DB.prepare(`SELECT id, operator_id, tasks_completed FROM agents`).all<{
      id: number;
      operator_id: number;
      tasks_completed: number;
    }>(),
    // People only: the platform's swarm coordinator (seeded, no bonuses) holds no swarm task here.
    env.DB.prepare(`SELECT id FROM users WHERE email != ?`).bind(COORDINATOR_EMAIL).all<{ id: number }>(),
    env.DB.prepare(`SELECT id, balance FROM accounts`).all<{ id: string; balance: number }>(),
  ]);
  const tasks = tasksResult.results;
  const agents = agentsResult.results;
  const operatorOf = new Map(agents.map((a) => [a.id, a.operator_id]));
  const balances = new Map(accountsResult.results.map((a) => [a.id, a.balance]));
  const completed = tasks.filter((t) => t.status === "completed");

  // (a) Double entry: everything sums to zero, and so does every transfer on its own.
  expect(await sumOfAllEntries(), `${context}: SUM(amount) over ledger_entries`).toBe(0);
  expect(await unbalancedTransfers(), `${context}: transfers that are not two legs summing to zero`).toEqual([]);
  // (b) Every balance is the sum of its entries.
  expect(await balancesNotMatchingEntries(), `${context}: balances that differ from their entries' sum`).toEqual([]);
  // (c) balance_after chains from 0 in id order and ends at the balance.
  expect(await balanceAfterChainBreaks(), `${context}: balance_after chain breaks`).toEqual([]);
  // (d) No person is overdrawn.
  expect(await negativeUserBalances(), `${context}: negative non-system balances`).toEqual([]);

  // (e) Payments: at most one per task, exactly one per completed task, to the right person,
  // of the right amount, with its fee; none for any other task.
  const userPayments = entries.filter((e) => e.type === "payment" && e.account_id.startsWith("user:"));
  const paymentsByTask = groupBy(
    userPayments.filter((e) => e.task_id !== null),
    (e) => e.task_id ?? 0,
  );
  const paidTwice = [...paymentsByTask].filter(([, list]) => list.length > 1).map(([taskId, list]) => ({ taskId, entries: list }));
  expect(paidTwice, `${context}: tasks paid more than once`).toEqual([]);
  expect(
    userPayments.filter((e) => e.task_id === null),
    `${context}: payments without a task`,
  ).toEqual([]);

  const wrongCompleted = completed.flatMap((t) => {
    const payee = t.claimed_by_agent_id === null ? undefined : operatorOf.get(t.claimed_by_agent_id);
    const payments = paymentsByTask.get(t.id) ?? [];
    const fees = entries.filter((e) => e.task_id === t.id && e.type === "platform_fee" && e.account_id === "fees");
    const ok =
      payee !== undefined &&
      payments.length === 1 &&
      payments[0]?.account_id === `user:${payee}` &&
      payments[0]?.amount === expectedPayment(t.budget_credits) &&
      fees.length === 1 &&
      fees[0]?.amount === expectedFee(t.budget_credits);
    return ok ? [] : [{ task: t, payee, payments, fees }];
  });
  expect(wrongCompleted, `${context}: completed tasks without exactly one correct payment and fee`).toEqual([]);

  const notCompleted = new Set(tasks.filter((t) => t.status !== "completed").map((t) => t.id));
  const knownTasks = new Set(tasks.map((t) => t.id));
  const strayTaskEntries = entries.filter((e) => e.task_id !== null && (notCompleted.has(e.task_id) || !knownTasks.has(e.task_id)));
  expect(strayTaskEntries, `${context}: ledger entries for tasks that are not completed`).toEqual([]);

  // What the API answered agrees with the ledger: one 200 per completed task, same amounts.
  const answered = world.completions.map((c) => c.taskId).sort((a, b) => a - b);
  expect(answered, `${context}: tasks whose acceptance answered 200 = tasks completed in D1`).toEqual(
    completed.map((t) => t.id).sort((a, b) => a - b),
  );
  const budgetOf = new Map(tasks.map((t) => [t.id, t.budget_credits]));
  const misreported = world.completions.filter(
    (c) => c.creditsPaid !== expectedPayment(budgetOf.get(c.taskId) ?? -1) || c.platformFee !== expectedFee(budgetOf.get(c.taskId) ?? -1),
  );
  expect(misreported, `${context}: acceptances that reported other amounts than were paid`).toEqual([]);

  // (f) Each person holds exactly their welcome bonus, their agent bonuses and their agents' pay.
  const earned = new Map<number, number>();
  for (const t of completed) {
    const payee = t.claimed_by_agent_id === null ? undefined : operatorOf.get(t.claimed_by_agent_id);
    if (payee !== undefined) earned.set(payee, (earned.get(payee) ?? 0) + expectedPayment(t.budget_credits));
  }
  const agentCount = new Map<number, number>();
  for (const a of agents) agentCount.set(a.operator_id, (agentCount.get(a.operator_id) ?? 0) + 1);
  const wrongBalances = usersResult.results.flatMap(({ id }) => {
    const expected = USER_BONUS + AGENT_BONUS * (agentCount.get(id) ?? 0) + (earned.get(id) ?? 0);
    const actual = balances.get(`user:${id}`);
    return actual === expected ? [] : [{ user: id, expected, actual, agents: agentCount.get(id) ?? 0, earned: earned.get(id) ?? 0 }];
  });
  expect(wrongBalances, `${context}: balances other than 500 + 100 x agents + payments`).toEqual([]);
  // The agents D1 holds are exactly those the API answered 201 for.
  expect(
    usersResult.results.map(({ id }) => [id, agentCount.get(id) ?? 0]),
    `${context}: agents per operator in D1 = agents the API created`,
  ).toEqual(usersResult.results.map(({ id }) => [id, world.agentsOf.get(id)?.length ?? 0]));

  // And each agent's tasks_completed counts the tasks it completed.
  const completedBy = new Map<number, number>();
  for (const t of completed)
    if (t.claimed_by_agent_id !== null) completedBy.set(t.claimed_by_agent_id, (completedBy.get(t.claimed_by_agent_id) ?? 0) + 1);
  const wrongCounts = agents.filter((a) => a.tasks_completed !== (completedBy.get(a.id) ?? 0));
  expect(wrongCounts, `${context}: agents whose tasks_completed is not their completed tasks`).toEqual([]);
}
