/**
 * The world of the randomized ledger run (test/invariants): the people and agents it created
 * through the API, and the tasks, claims and deliverables D1 held when it last looked.
 */
import { env } from "cloudflare:workers";
import type { Agent, Caller, Person } from "./api";
import type { Random } from "./random";

/** The rows of the projection the planner reads, and the audit too (TaskRow). */
export interface TaskRow {
  id: number;
  poster_id: number;
  status: string;
  claimed_by_agent_id: number | null;
  budget_credits: number;
}
export interface ClaimRow {
  id: number;
  task_id: number;
  agent_id: number;
  status: string;
}
export interface DeliverableRow {
  id: number;
  task_id: number;
  status: string;
  revision_number: number;
}

/** The people and agents the run has created, and what the projection showed last. */
export class World {
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
    return `inv-${this.rng.seed}-${this.emails}@example.com`;
  }

  /** The poster, signed in, or one of their agents (an agent acts for its operator). */
  posterCaller(task: TaskRow): Caller | null {
    const person = this.peopleById.get(task.poster_id);
    if (!person) return null;
    return this.rng.pick<Caller>([person, ...(this.agentsOf.get(person.id) ?? [])]) ?? null;
  }

  /** Reloads tasks, claims and deliverables from D1; the run calls it after every batch. */
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

/** Rows grouped by a numeric key, each group in the order given. */
export function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
