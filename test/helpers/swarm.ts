/**
 * Swarm scenarios: a fake Anthropic that answers each forced tool the way the test scripts it
 * (the planner's plan, the fixer's replacement, the merger's content, the reviewer's verdict), so
 * the real queues, SDK, rooms and ledger run end to end; and waiting on a swarm's tree.
 */
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { roomOf } from "../../src/contracts/addresses";
import { call, expectStatus, type Person, postTask, registerPerson, type TaskView } from "./api";
import { anthropicToolAnswer, fakeProvider, type SeenRequest } from "./fake-llm";
import { PASS, POSTER_KEY } from "./review";

export interface Script {
  plan?: (request: SeenRequest) => unknown;
  fix?: (request: SeenRequest) => unknown;
  merge?: (request: SeenRequest) => unknown;
  /** The verdict for a submission, from the review prompt (which carries the content). */
  verdict?: (prompt: string) => unknown;
}

const TOOLS = { submit_plan: "plan", submit_fix: "fix", submit_merge: "merge" } as const;

export function scriptedModel(script: Script) {
  return fakeProvider("api.anthropic.com", (request) => {
    const tool = (request.body["tool_choice"] as { name: string }).name;
    const kind = TOOLS[tool as keyof typeof TOOLS];
    if (kind) {
      const answer = script[kind]?.(request);
      if (answer === undefined) throw new Error(`the script has no ${kind} answer`);
      return anthropicToolAnswer(answer, { input_tokens: 2000, output_tokens: 400 }, tool);
    }
    const messages = request.body["messages"] as { content: string }[];
    return anthropicToolAnswer((script.verdict ?? (() => PASS))(messages[0]?.content ?? ""));
  });
}

/** The user prompt of a scripted request. */
export function promptOf(request: SeenRequest): string {
  return (request.body["messages"] as { content: string }[])[0]?.content ?? "";
}

export function part(key: string, budget: number, dependsOn: string[] = []) {
  return {
    key,
    title: `Part ${key} of the report`,
    description: `Write part ${key} of the report, as its acceptance criteria say.`,
    acceptance_criteria: [`Part ${key} is written`],
    budget_credits: budget,
    depends_on: dependsOn,
  };
}

export function plan(...parts: ReturnType<typeof part>[]) {
  return { feasible: true, reason: "Split by section", parts };
}

export async function swarmTask(fields: Record<string, unknown> = {}): Promise<{ poster: Person; task: TaskView }> {
  const poster = await registerPerson("Swarm poster");
  const task = await postTask(poster, {
    title: "Write a three-part report",
    description: "Write a report in three parts: background, analysis, and a conclusion drawing on both.",
    budget_credits: 200,
    swarm: true,
    auto_review_enabled: true,
    poster_llm_key: POSTER_KEY,
    poster_llm_provider: "anthropic",
    ...fields,
  });
  return { poster, task };
}

export interface SwarmPartView {
  key: string;
  state: string;
  task_id: number | null;
  fix_of: string | null;
  attempt: number;
  task: { status: string; claimed_by_agent_id: number | null } | null;
}

export interface SwarmView {
  status: string;
  stop_reason: string | null;
  parts: SwarmPartView[];
  waves: string[][];
  rounds_used: number;
  calls: {
    round: number;
    kind: string;
    state: string;
    key_source: string | null;
    outcome: string | null;
    cost_estimate_usd: number | null;
  }[];
  cost_estimate_usd: number;
}

export function swarmOf(who: Person, taskId: number): Promise<SwarmView> {
  return expectStatus<SwarmView>(200, "GET", `/api/v1/tasks/${taskId}/swarm`, who);
}

/**
 * Waits until the swarm's tree satisfies `check` (through the real queues), and returns it. It
 * watches the room's record between API reads, so the wait costs one request of the rate limit
 * per change rather than one per poll.
 */
export async function swarmWhen(who: Person, taskId: number, check: (swarm: SwarmView) => boolean, what: string): Promise<SwarmView> {
  let last: SwarmView | undefined;
  let seen = "";
  await vi.waitFor(
    async () => {
      const record = JSON.stringify((await roomOf(env, taskId).read(null))?.task.swarm ?? null);
      if (record !== seen || !last) last = await swarmOf(who, taskId);
      seen = record;
      expect(check(last), `${what}: ${JSON.stringify(last)}`).toBe(true);
    },
    { timeout: 20_000, interval: 100 },
  );
  if (!last) throw new Error("unreachable");
  return last;
}

/** The posted part `key`'s task id. */
export function partTask(swarm: SwarmView, key: string): number {
  const id = swarm.parts.find((p) => p.key === key)?.task_id;
  if (!id) throw new Error(`part ${key} is not posted: ${JSON.stringify(swarm.parts)}`);
  return id;
}

/** Every credit minted for a tree (payments and fees of its tasks), from the ledger. */
export async function mintedFor(taskIds: readonly number[]): Promise<number> {
  const marks = taskIds.map(() => "?").join(",");
  const row = await env.DB.prepare(
    `SELECT coalesce(sum(amount), 0) AS minted FROM ledger_entries WHERE account_id = 'mint' AND task_id IN (${marks})`,
  )
    .bind(...taskIds)
    .first<{ minted: number }>();
  return -(row?.minted ?? 0) || 0;
}

export async function taskStatusOf(who: Person, taskId: number): Promise<string> {
  return (await call<{ status: string }>("GET", `/api/v1/tasks/${taskId}`, who)).body.data.status;
}
