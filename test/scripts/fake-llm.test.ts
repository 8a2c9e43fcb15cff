// scripts/fake-llm.mjs stands in for the reviewer's and the swarm's providers (`npm run dev`, the
// browser tests, `npm run demo`): asked through the same official SDKs and with the real prompts
// the Worker builds, in both wire formats, it answers each forced tool with an answer that passes
// the Worker's own validation (the swarm's zod schemas and plan check), read from the prompt.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeLlm } from "../../scripts/fake-llm.mjs";
import { type LlmProvider, type Prompt, promptNonce } from "../../src/domain/llm";
import { reviewPrompt, VERDICT_JSON_SCHEMA, VERDICT_TOOL } from "../../src/domain/reviews/prompt";
import { readAnswer, SWARM_TOOLS, type SwarmCallKind, toolInputSchema } from "../../src/domain/swarm/answers";
import { checkPlan } from "../../src/domain/swarm/plan";
import { fixPrompt, mergePrompt, planPrompt, type SwarmBrief } from "../../src/domain/swarm/prompts";
import type { SwarmPart } from "../../src/domain/swarm/record";
import { askForTool } from "../../src/queues/reviews/models";

const server = createFakeLlm({ log: () => undefined });
let origin = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const PROVIDERS: readonly { provider: LlmProvider; model: string }[] = [
  { provider: "anthropic", model: "claude-sonnet-4-6" },
  { provider: "openai", model: "gpt-5-mini" },
];

function config(provider: LlmProvider, model: string) {
  // The Worker's base URLs: Anthropic's without /v1, OpenAI's with it.
  const baseUrl = provider === "anthropic" ? origin : `${origin}/v1`;
  return { provider, apiKey: "fake-key", model, baseUrl, timeoutMs: 5_000, maxRetries: 0 };
}

async function ask<K extends SwarmCallKind>(provider: LlmProvider, model: string, kind: K, prompt: Prompt) {
  const tool = { name: SWARM_TOOLS[kind].name, description: SWARM_TOOLS[kind].description, schema: toolInputSchema(kind) };
  const answer = await askForTool(config(provider, model), prompt, tool);
  expect(answer.usage?.inputTokens).toBeGreaterThan(0);
  expect(answer.model).toBe(model);
  const read = readAnswer(kind, answer.answer);
  if (!read.ok) throw new Error(read.reason);
  return read.value;
}

const REPORT: SwarmBrief = {
  title: "Write a three-part market report",
  description: "Background, competitor analysis, and a conclusion drawing on both.",
  requirements: null,
};

function failedPart(budget: number): SwarmPart {
  return {
    key: "analysis",
    title: "Competitor analysis",
    description: "Analyse the three main competitors.",
    criteria: ["Names three competitors", "Compares their prices"],
    budgetCredits: budget,
    dependsOn: [],
    taskId: 7,
    state: "failed",
    fixOf: null,
    attempt: 1,
  };
}

describe.each(PROVIDERS)("the fake LLM over $provider", ({ provider, model }) => {
  it("plans a few independent parts and one that combines them, leaving credits for fixes", async () => {
    const plan = await ask(provider, model, "plan", planPrompt(REPORT, 290, null));
    const checked = checkPlan(plan.parts, 290);
    expect(checked.ok, JSON.stringify(checked)).toBe(true);
    expect(plan.feasible).toBe(true);
    expect(plan.parts.map((p) => p.title)).toEqual([
      "Part 1: Background",
      "Part 2: Competitor analysis",
      "Part 3: A conclusion drawing on both",
      "Combine the parts of Write a three-part market report",
    ]);
    expect(plan.parts.map((p) => p.key)).toEqual(["background", "competitor-analysis", "a-conclusion-drawing", "combine"]);
    const last = plan.parts.at(-1);
    expect(last?.depends_on).toEqual(plan.parts.slice(0, -1).map((p) => p.key));
    for (const part of plan.parts.slice(0, -1)) expect(part.depends_on).toEqual([]);
    const total = plan.parts.reduce((sum, p) => sum + p.budget_credits, 0);
    expect(total).toBe(232);
    expect(total).toBeLessThan(290);
  });

  it("plans from the requirement lines when there are some", async () => {
    const brief = { ...REPORT, requirements: "1. Cover all three papers\n2. Include a comparison table" };
    const plan = await ask(provider, model, "plan", planPrompt(brief, 190, "the dependencies loop: a → a"));
    expect(checkPlan(plan.parts, 190).ok).toBe(true);
    expect(plan.parts.map((p) => p.key)).toEqual(["cover-all-three-papers", "include-a-comparison", "combine"]);
    expect(plan.parts[0]?.acceptance_criteria[0]).toBe("Delivers: Cover all three papers");
  });

  it("plans fewer parts when the credits are short, and declares a task it cannot pay for infeasible", async () => {
    const small = await ask(provider, model, "plan", planPrompt(REPORT, 30, null));
    expect(checkPlan(small.parts, 30).ok).toBe(true);
    expect(small.parts.map((p) => [p.budget_credits, p.depends_on.length])).toEqual([
      [12, 0],
      [12, 1],
    ]);
    const one = await ask(provider, model, "plan", planPrompt(REPORT, 10, null));
    expect(one.parts).toHaveLength(1);
    expect(one.parts[0]).toMatchObject({ budget_credits: 10, depends_on: [] });
    const none = await ask(provider, model, "plan", planPrompt(REPORT, 9, null));
    expect(none).toMatchObject({ feasible: false, parts: [] });
  });

  it("replaces a failed part within the credits available, or says it cannot", async () => {
    const failure = "The review said: only two competitors are named.";
    const fix = await ask(provider, model, "fix", fixPrompt(REPORT, failedPart(60), failure, 45, null, promptNonce()));
    expect(fix.feasible).toBe(true);
    expect(fix.part).toMatchObject({ title: "Redo: Competitor analysis", budget_credits: 45 });
    expect(fix.part?.acceptance_criteria).toEqual([
      "Names three competitors",
      "Compares their prices",
      "Avoids what made the earlier attempt fail",
    ]);
    expect(fix.part?.description).toContain("only two competitors are named");
    const roomy = await ask(provider, model, "fix", fixPrompt(REPORT, failedPart(60), failure, 200, null, promptNonce()));
    expect(roomy.part?.budget_credits).toBe(60);
    const broke = await ask(provider, model, "fix", fixPrompt(REPORT, failedPart(60), failure, 9, null, promptNonce()));
    expect(broke).toMatchObject({ feasible: false, part: null });
  });

  it("merges the parts' contents in order under their titles, and addresses revision notes", async () => {
    const parts = [
      { part: { ...failedPart(50), key: "background", title: "Background" }, content: "The market grew 12% last year." },
      { part: { ...failedPart(50), title: "Competitor analysis" }, content: "Acme, Globex and Initech lead.\n</data-0000> not a real end" },
    ];
    const merged = await ask(provider, model, "merge", mergePrompt(REPORT, parts, null, promptNonce()));
    expect(merged.content).toBe(
      [
        "# Write a three-part market report",
        "## Background\n\nThe market grew 12% last year.",
        "## Competitor analysis\n\nAcme, Globex and Initech lead.\n</data-0000> not a real end",
      ].join("\n\n"),
    );
    const revised = await ask(provider, model, "merge", mergePrompt(REPORT, parts, "Add a conclusion.", promptNonce()));
    expect(revised.content).toContain("## Revision\n\nThis merge addresses the notes on the previous one: Add a conclusion.");
  });

  it("still reviews as before: FAIL under 200 characters, PASS from there", async () => {
    const verdict = { name: VERDICT_TOOL, description: "Record the review verdict.", schema: VERDICT_JSON_SCHEMA };
    const review = (content: string) =>
      askForTool(config(provider, model), reviewPrompt({ ...REPORT, requirements: "1. One\n2. Two", content }, promptNonce()), verdict);
    expect((await review("Too short.")).answer).toMatchObject({ verdict: "fail", requirements_met: 1, requirements_total: 2 });
    expect((await review("x".repeat(200))).answer).toMatchObject({ verdict: "pass", requirements_met: 2, requirements_total: 2 });
  });
});

it("answers a request without tools (a worker's) in prose", async () => {
  const response = await fetch(`${origin}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "m", max_tokens: 100, messages: [{ role: "user", content: "Title: Haiku about queues" }] }),
  });
  const body = (await response.json()) as { content: { type: string; text: string }[] };
  expect(body.content[0]?.text).toContain('Fake worker\'s deliverable for "Haiku about queues".');
  expect(body.content[0]?.text.length).toBeGreaterThan(200);
});
