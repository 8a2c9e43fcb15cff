/**
 * A randomized, concurrent workload through the HTTP API, then an audit of the ledger in D1.
 *
 * Operations are chosen by a seeded PRNG from the state the projection shows between batches,
 * and each batch of 10-20 runs at once, so competing commands (two accepts of one deliverable,
 * a delivery racing a rollback, a claim racing an accept...) really race. Refusals (4xx) are
 * part of the game; a 5xx or a non-JSON answer is a failure. Rerun a failing seed with
 * VITE_LEDGER_INVARIANTS_SEED=<seed>; choices depend on how earlier races resolved, so a replay
 * follows the same plan only as far as those outcomes repeat.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, type Agent, type ApiResult, type Caller, type Person } from "../helpers/api";
import {
  allEntries,
  balanceAfterChainBreaks,
  balancesNotMatchingEntries,
  negativeUserBalances,
  sumOfAllEntries,
  unbalancedTransfers,
} from "../helpers/ledger-audit";
import { chooseSeed, seededRandom, type Random } from "../helpers/random";

const SEED = chooseSeed("VITE_LEDGER_INVARIANTS_SEED");
const TOTAL_OPERATIONS = 800;
const MIN_COMPLETIONS = 20;
const MAX_PEOPLE = 24;
const MAX_AGENTS_PER_PERSON = 4;

// The contract's numbers, restated here rather than imported so the audit is independent.
const USER_BONUS = 500;
const AGENT_BONUS = 100;
const expectedPayment = (budget: number) => budget - Math.floor((budget * 10) / 100);
const expectedFee = (budget: number) => Math.floor((budget * 10) / 100);

const KINDS = [
  "register",
  "createAgent",
  "postTask",
  "claim",
  "acceptClaim",
  "rejectClaim",
  "start",
  "deliver",
  "requestRevision",
  "acceptDeliverable",
  "rejectDeliverable",
  "cancel",
  "rollback",
  "withdraw",
  "stray",
] as const;
type Kind = (typeof KINDS)[number];

const WEIGHTS: Record<Kind, number> = {
  register: 2,
  createAgent: 3,
  postTask: 8,
  claim: 16,
  acceptClaim: 12,
  rejectClaim: 2,
  start: 4,
  deliver: 16,
  requestRevision: 7,
  acceptDeliverable: 14,
  rejectDeliverable: 2,
  cancel: 3,
  rollback: 3,
  withdraw: 4,
  // An action by someone it does not belong to (a non-poster deciding, a stranger delivering).
  stray: 4,
};

interface TaskRow {
  id: number;
  poster_id: number;
  status: string;
  claimed_by_agent_id: number | null;
  budget_credits: number;
}
interface ClaimRow {
  id: number;
  task_id: number;
  agent_id: number;
  status: string;
}
interface DeliverableRow {
  id: number;
  task_id: number;
  status: string;
  revision_number: number;
}

interface Operation {
  kind: Kind;
  describe: string;
  run: () => Promise<ApiResult>;
  onSuccess?: (result: ApiResult) => void;
}

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

/** The people and agents the run has created, and what the projection showed last. */
class World {
  readonly people: Person[] = [];
  readonly peopleById = new Map<number, Person>();
  readonly agentsOf = new Map<number, Agent[]>();
  readonly agentById = new Map<number, Agent>();
  tasks: TaskRow[] = [];
  claimsByTask = new Map<number, ClaimRow[]>();
  deliverablesByTask = new Map<number, DeliverableRow[]>();
  /** Deliverable acceptances the API answered 200 to, with what it said it paid. */
  readonly completions: { taskId: number; creditsPaid: number; platformFee: number }[] = [];
  private emails = 0;

  constructor(private readonly rng: Random) {}

  get agents(): Agent[] {
    return [...this.agentById.values()];
  }

  addPerson(person: Person): void {
    this.people.push(person);
    this.peopleById.set(person.id, person);
    this.agentsOf.set(person.id, []);
  }

  addAgent(agent: Agent): void {
    this.agentById.set(agent.id, agent);
    this.agentsOf.get(agent.operator.id)?.push(agent);
  }

  nextEmail(): string {
    this.emails += 1;
    return `inv-${SEED}-${this.emails}@example.com`;
  }

  /** The poster, signed in, or one of their agents (an agent acts for its operator). */
  posterCaller(task: TaskRow): Caller | null {
    const person = this.peopleById.get(task.poster_id);
    if (!person) return null;
    return this.rng.pick<Caller>([person, ...(this.agentsOf.get(person.id) ?? [])]) ?? null;
  }

  async refresh(): Promise<void> {
    const [tasks, claims, deliverables] = await env.DB.batch([
      env.DB.prepare(`SELECT id, poster_id, status, claimed_by_agent_id, budget_credits FROM tasks ORDER BY id`),
      env.DB.prepare(`SELECT id, task_id, agent_id, status FROM claims ORDER BY id`),
      env.DB.prepare(`SELECT id, task_id, status, revision_number FROM deliverables ORDER BY id`),
    ]);
    this.tasks = (tasks?.results ?? []) as TaskRow[];
    this.claimsByTask = groupBy((claims?.results ?? []) as ClaimRow[], (c) => c.task_id);
    this.deliverablesByTask = groupBy((deliverables?.results ?? []) as DeliverableRow[], (d) => d.task_id);
  }
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

const inStatus = (...statuses: string[]) => (t: TaskRow) => statuses.includes(t.status);

/** Plans one operation of `kind` against the world, or null when nothing fits that kind. */
function plan(kind: Kind, world: World, rng: Random): Operation | null {
  const post = (path: string, caller: Caller, body?: unknown) => () => call("POST", path, caller, body === undefined ? {} : { body });
  switch (kind) {
    case "register": {
      if (world.people.length >= MAX_PEOPLE) return null;
      const email = world.nextEmail();
      const name = `Person ${email.split("@")[0]}`;
      return {
        kind,
        describe: `register ${email}`,
        run: post("/auth/register", null, { email, password: "correct horse battery", name }),
        onSuccess: (r) => {
          const cookie = (r.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
          world.addPerson({ id: (r.body.data as { id: number }).id, email, name, cookie });
        },
      };
    }
    case "createAgent": {
      const person = rng.pick(world.people.filter((p) => (world.agentsOf.get(p.id)?.length ?? 0) < MAX_AGENTS_PER_PERSON));
      if (!person) return null;
      return {
        kind,
        describe: `create agent for user ${person.id}`,
        run: post("/api/v1/operator/agents", person, { name: `agent-${rng.int(1, 1e9)}`, description: "Does careful work" }),
        onSuccess: (r) => {
          const data = r.body.data as { agent: { id: number }; api_key: string };
          world.addAgent({ id: data.agent.id, key: data.api_key, operator: person });
        },
      };
    }
    case "postTask": {
      const caller = rng.pick<Person | Agent>([...world.people, ...world.agents]);
      if (!caller) return null;
      const budget = rng.chance(0.2) ? rng.int(10, 20) : rng.int(10, 500);
      return {
        kind,
        describe: `post task (budget ${budget}) as ${"key" in caller ? `agent ${caller.id}` : `user ${caller.id}`}`,
        run: post("/api/v1/tasks", caller, {
          title: `Invariant task ${rng.int(1, 1e9)}`,
          description: "A task posted by the randomized ledger invariants run.",
          budget_credits: budget,
          max_revisions: rng.int(0, 2),
        }),
      };
    }
    case "claim": {
      const task = rng.pick(world.tasks.filter(inStatus("open")));
      if (!task) return null;
      const pendingAgents = new Set((world.claimsByTask.get(task.id) ?? []).filter((c) => c.status === "pending").map((c) => c.agent_id));
      const eligible = world.agents.filter((a) => a.operator.id !== task.poster_id && !pendingAgents.has(a.id));
      // Now and then any agent at all: a self-claim or a second pending bid must be refused.
      const agent = rng.chance(0.1) ? rng.pick(world.agents) : rng.pick(eligible);
      if (!agent) return null;
      const credits = rng.int(1, task.budget_credits);
      return {
        kind,
        describe: `agent ${agent.id} claims task ${task.id} for ${credits}`,
        run: post(`/api/v1/tasks/${task.id}/claims`, agent, { proposed_credits: credits, message: "I can do this" }),
      };
    }
    case "acceptClaim":
    case "rejectClaim": {
      const task = rng.pick(world.tasks.filter((t) => t.status === "open" && pending(world, t).length > 0));
      const claim = task && rng.pick(pending(world, task));
      const caller = task && world.posterCaller(task);
      if (!task || !claim || !caller) return null;
      const verb = kind === "acceptClaim" ? "accept" : "reject";
      const byBody = verb === "accept" && rng.chance(0.3);
      return {
        kind,
        describe: `${verb} claim ${claim.id} of task ${task.id}`,
        run: byBody
          ? post(`/api/v1/tasks/${task.id}/claims/accept`, caller, { claim_id: claim.id })
          : post(`/api/v1/tasks/${task.id}/claims/${claim.id}/${verb}`, caller),
      };
    }
    case "start":
    case "deliver": {
      const task = rng.pick(world.tasks.filter(inStatus("claimed", "in_progress")));
      const agent = task?.claimed_by_agent_id == null ? undefined : world.agentById.get(task.claimed_by_agent_id);
      if (!task || !agent) return null;
      return kind === "start"
        ? { kind, describe: `agent ${agent.id} starts task ${task.id}`, run: post(`/api/v1/tasks/${task.id}/start`, agent) }
        : {
            kind,
            describe: `agent ${agent.id} delivers task ${task.id}`,
            run: post(`/api/v1/tasks/${task.id}/deliverables`, agent, { content: `Work for task ${task.id}, take ${rng.int(1, 1e6)}.` }),
          };
    }
    case "requestRevision":
    case "acceptDeliverable":
    case "rejectDeliverable": {
      const task = rng.pick(world.tasks.filter(inStatus("delivered")));
      const deliverable = task && latestSubmitted(world, task);
      const caller = task && world.posterCaller(task);
      if (!task || !deliverable || !caller) return null;
      const byBody = rng.chance(0.3);
      const base = `/api/v1/tasks/${task.id}/deliverables`;
      if (kind === "requestRevision") {
        const revision_notes = "Please add more detail.";
        return {
          kind,
          describe: `request revision of deliverable ${deliverable.id} (task ${task.id})`,
          run: byBody
            ? post(`${base}/revision`, caller, { deliverable_id: deliverable.id, revision_notes })
            : post(`${base}/${deliverable.id}/revision`, caller, { revision_notes }),
        };
      }
      if (kind === "rejectDeliverable") {
        return {
          kind,
          describe: `reject deliverable ${deliverable.id} (task ${task.id})`,
          run: post(`${base}/${deliverable.id}/reject`, caller, { reason: "Not what was asked." }),
        };
      }
      return {
        kind,
        describe: `accept deliverable ${deliverable.id} (task ${task.id}, budget ${task.budget_credits})`,
        run: byBody ? post(`${base}/accept`, caller, { deliverable_id: deliverable.id }) : post(`${base}/${deliverable.id}/accept`, caller),
        onSuccess: (r) => {
          const data = r.body.data as { task_id: number; credits_paid: number; platform_fee: number };
          world.completions.push({ taskId: data.task_id, creditsPaid: data.credits_paid, platformFee: data.platform_fee });
        },
      };
    }
    case "cancel":
    case "rollback": {
      const task = rng.pick(world.tasks.filter(kind === "cancel" ? inStatus("open", "claimed", "in_progress") : inStatus("claimed", "in_progress")));
      const caller = task && world.posterCaller(task);
      if (!task || !caller) return null;
      return { kind, describe: `${kind} task ${task.id}`, run: post(`/api/v1/tasks/${task.id}/${kind}`, caller) };
    }
    case "withdraw": {
      const candidates = world.tasks.flatMap((t) =>
        (world.claimsByTask.get(t.id) ?? []).filter(
          (c) => c.status === "pending" || (c.status === "accepted" && ["claimed", "in_progress"].includes(t.status)),
        ),
      );
      const claim = rng.pick(candidates);
      const agent = claim && world.agentById.get(claim.agent_id);
      if (!claim || !agent) return null;
      return {
        kind,
        describe: `agent ${agent.id} withdraws claim ${claim.id} (${claim.status}) of task ${claim.task_id}`,
        run: post(`/api/v1/tasks/${claim.task_id}/claims/${claim.id}/withdraw`, agent),
      };
    }
    case "stray": {
      const task = rng.pick(world.tasks.filter(inStatus("claimed", "in_progress", "delivered")));
      if (!task) return null;
      const involved = new Set((world.claimsByTask.get(task.id) ?? []).map((c) => c.agent_id));
      // Never the poster (nor their agents), never an agent that ever bid on the task.
      const stranger = rng.pick(world.agents.filter((a) => a.operator.id !== task.poster_id && !involved.has(a.id)));
      if (!stranger) return null;
      const deliverable = latestSubmitted(world, task);
      const attempts: [string, () => Promise<ApiResult>][] = [
        [`stranger agent ${stranger.id} delivers task ${task.id}`, post(`/api/v1/tasks/${task.id}/deliverables`, stranger, { content: "Not mine to deliver." })],
        [`stranger agent ${stranger.id} rolls back task ${task.id}`, post(`/api/v1/tasks/${task.id}/rollback`, stranger)],
        [`stranger user ${stranger.operator.id} cancels task ${task.id}`, post(`/api/v1/tasks/${task.id}/cancel`, stranger.operator)],
      ];
      if (deliverable) {
        attempts.push([
          `stranger agent ${stranger.id} accepts deliverable ${deliverable.id} of task ${task.id}`,
          post(`/api/v1/tasks/${task.id}/deliverables/${deliverable.id}/accept`, stranger),
        ]);
      }
      const [describe, run] = rng.pick(attempts) ?? attempts[0]!;
      return { kind, describe, run };
    }
  }
}

function pending(world: World, task: TaskRow): ClaimRow[] {
  return (world.claimsByTask.get(task.id) ?? []).filter((c) => c.status === "pending");
}

function latestSubmitted(world: World, task: TaskRow): DeliverableRow | undefined {
  const submitted = (world.deliverablesByTask.get(task.id) ?? []).filter((d) => d.status === "submitted");
  return submitted.sort((a, b) => b.revision_number - a.revision_number)[0];
}

describe("the ledger under a randomized concurrent workload", () => {
  it(
    `keeps every credit invariant after ${TOTAL_OPERATIONS} mixed operations in concurrent batches`,
    async () => {
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
          ...KINDS.map((k) => `${k.padEnd(18)}${String(tally[k].ok).padStart(6)}${String(tally[k].refused).padStart(9)}${String(tally[k].failed).padStart(8)}  ${Object.entries(tally[k].reasons).map(([r, n]) => `${r} x${n}`).join(", ")}`),
          `completions answered 200: ${world.completions.length}`,
        ].join("\n"),
      );

      const context = `seed ${SEED}`;
      expect(failures, `${context}: 5xx answers or non-JSON responses`).toEqual([]);
      expect(straySuccesses, `${context}: actions by a stranger must be refused`).toEqual([]);
      expect(executed).toBeGreaterThanOrEqual(500);
      for (const kind of ["register", "createAgent", "postTask", "claim", "acceptClaim", "deliver", "requestRevision", "acceptDeliverable", "cancel", "rollback", "withdraw"] as const) {
        expect(tally[kind].ok, `${context}: at least one ${kind} succeeded`).toBeGreaterThan(0);
      }
      expect(world.completions.length, `${context}: completions`).toBeGreaterThanOrEqual(MIN_COMPLETIONS);

      await auditLedger(world, context);
    },
    120_000,
  );
});

async function auditLedger(world: World, context: string): Promise<void> {
  const [entries, tasksResult, agentsResult, usersResult, accountsResult] = await Promise.all([
    allEntries(),
    env.DB.prepare(`SELECT id, poster_id, status, claimed_by_agent_id, budget_credits FROM tasks`).all<TaskRow>(),
    env.DB.prepare(`SELECT id, operator_id, tasks_completed FROM agents`).all<{ id: number; operator_id: number; tasks_completed: number }>(),
    env.DB.prepare(`SELECT id FROM users`).all<{ id: number }>(),
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
  expect(userPayments.filter((e) => e.task_id === null), `${context}: payments without a task`).toEqual([]);

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
  for (const t of completed) if (t.claimed_by_agent_id !== null) completedBy.set(t.claimed_by_agent_id, (completedBy.get(t.claimed_by_agent_id) ?? 0) + 1);
  const wrongCounts = agents.filter((a) => a.tasks_completed !== (completedBy.get(a.id) ?? 0));
  expect(wrongCounts, `${context}: agents whose tasks_completed is not their completed tasks`).toEqual([]);
}
