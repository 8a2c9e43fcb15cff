/**
 * Review scenarios: an auto-reviewed task taken to `delivered`, and fake providers whose verdict
 * the test chooses, so the real queues, pipeline, SDKs and room run end to end.
 */
import { expect, vi } from "vitest";
import {
  type Agent,
  acceptClaim,
  call,
  claim,
  deliver,
  type Person,
  personWithAgent,
  postTask,
  registerPerson,
  type TaskView,
} from "./api";
import { anthropicToolAnswer, fakeProvider, openAiToolAnswer, type Responder } from "./fake-llm";

export const POSTER_KEY = "sk-ant-poster-planted-key-0123456789";
export const AGENT_KEY = "sk-openai-agent-planted-key-9876543210";

export const PASS = {
  verdict: "pass",
  requirements_met: 2,
  requirements_total: 2,
  quality_score: 9,
  completeness_score: 9,
  correctness_score: 9,
  feedback: "Both requirements are met: three papers, one table.",
};
export const FAIL = { ...PASS, verdict: "fail", requirements_met: 1, feedback: "The comparison table is missing." };

export interface Reviewed {
  poster: Person;
  agent: Agent;
  task: TaskView;
  deliverableId: number;
}

/** An auto-reviewed task, claimed and delivered once. `posterKey: false` leaves the poster without a key. */
export async function autoReviewed(
  options: {
    posterKey?: boolean;
    maxReviews?: number;
    maxRevisions?: number;
    agentKey?: boolean;
    content?: string;
    requirements?: string;
  } = {},
): Promise<Reviewed> {
  const poster = await registerPerson("Reviewed poster");
  const agent = await personWithAgent("Reviewed worker");
  if (options.agentKey) {
    await call("PATCH", "/api/v1/agents/me", agent, { body: { llm_key: AGENT_KEY, llm_provider: "openai" } });
  }
  const task = await postTask(poster, {
    requirements: options.requirements ?? "1. Cover all three papers\n2. Include a comparison table",
    auto_review_enabled: true,
    max_revisions: options.maxRevisions ?? 2,
    ...(options.posterKey === false
      ? {}
      : { poster_llm_key: POSTER_KEY, poster_llm_provider: "anthropic", poster_max_reviews: options.maxReviews ?? null }),
  });
  const bid = await claim(agent, task.id);
  await acceptClaim(poster, task.id, bid.id);
  const work = await deliver(agent, task.id, options.content ?? "## Comparison\nAll three papers, with a table.");
  return { poster, agent, task, deliverableId: work.id };
}

/** Anthropic at its public host, answering with `verdicts` in turn (the last one repeats). */
export function anthropicSays(...verdicts: unknown[]) {
  let i = 0;
  return fakeProvider("api.anthropic.com", () => anthropicToolAnswer(verdicts[Math.min(i++, verdicts.length - 1)]));
}

export function openAiSays(verdict: unknown) {
  return fakeProvider("api.openai.com", () => openAiToolAnswer(JSON.stringify(verdict)));
}

export function anthropicResponds(respond: Responder) {
  return fakeProvider("api.anthropic.com", respond);
}

export interface Attempt {
  deliverable_id: number;
  status: string;
  result: string | null;
  feedback: string | null;
  key_source: string | null;
  provider: string | null;
  model: string | null;
  usage: { input_tokens: number; output_tokens: number } | null;
  cost_estimate_usd: number | null;
  error: string | null;
}

/** Waits for the reviewer to finish with `deliverableId` (through the real queues) and returns the attempt. */
export async function attemptFor(who: Person | Agent, taskId: number, deliverableId: number): Promise<Attempt> {
  let found: Attempt | undefined;
  await vi.waitFor(
    async () => {
      const r = await call<Attempt[]>("GET", `/api/v1/tasks/${taskId}/reviews`, who);
      found = r.body.data.find((a) => a.deliverable_id === deliverableId && a.status === "applied");
      expect(found).toBeDefined();
    },
    { timeout: 15_000, interval: 200 },
  );
  if (!found) throw new Error("unreachable");
  return found;
}

export async function taskStatus(who: Person | Agent, taskId: number): Promise<string> {
  return (await call<{ status: string }>("GET", `/api/v1/tasks/${taskId}`, who)).body.data.status;
}
