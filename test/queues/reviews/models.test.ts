import { afterEach, describe, expect, it } from "vitest";
import { evaluate, type ModelConfig } from "../../../src/queues/reviews/models";
import { anthropicText, anthropicToolAnswer, fakeProvider, openAiToolAnswer, providerError } from "../../helpers/fake-llm";

const subject = {
  title: "Summarise papers",
  description: "A comparison of three papers.",
  requirements: "Cover all three",
  content: "Here it is.",
};
const verdict = {
  verdict: "pass",
  requirements_met: 1,
  requirements_total: 1,
  quality_score: 8,
  completeness_score: 8,
  correctness_score: 9,
  feedback: "Everything asked for is there.",
};
const config = (provider: ModelConfig["provider"], baseUrl: string): ModelConfig => ({
  provider,
  apiKey: "sk-test-key",
  model: "test-model",
  baseUrl,
  timeoutMs: 5_000,
  maxRetries: 2,
});

let restore = () => {};
afterEach(() => restore());

describe("evaluate with Anthropic", () => {
  it("forces the verdict tool and returns its input, the model and the usage", async () => {
    const fake = fakeProvider("anthropic.test", () => anthropicToolAnswer(verdict));
    restore = fake.restore;
    const answer = await evaluate(config("anthropic", "http://anthropic.test"), subject, "n0nce");
    expect(answer).toEqual({ answer: verdict, model: "claude-fake", usage: { inputTokens: 1200, outputTokens: 90 } });
    const [request] = fake.seen;
    expect(request?.url).toBe("http://anthropic.test/v1/messages");
    expect(request?.headers.get("authorization")).toBe("Bearer sk-test-key");
    expect(request?.body).toMatchObject({ model: "test-model", tool_choice: { type: "tool", name: "submit_verdict" } });
    expect(JSON.stringify(request?.body.messages)).toContain("<deliverable-n0nce>");
  });

  it("returns no answer when the model replies in prose", async () => {
    const fake = fakeProvider("anthropic.test", () => anthropicText("Verdict: PASS"));
    restore = fake.restore;
    expect((await evaluate(config("anthropic", "http://anthropic.test"), subject, "n")).answer).toBeNull();
  });

  it("retries a 500 and returns the answer that follows, in one evaluation", async () => {
    let calls = 0;
    const fake = fakeProvider("anthropic.test", () => (++calls === 1 ? providerError(500) : anthropicToolAnswer(verdict)));
    restore = fake.restore;
    const answer = await evaluate(config("anthropic", "http://anthropic.test"), subject, "n");
    expect(answer.answer).toEqual(verdict);
    expect(fake.seen).toHaveLength(2);
  });

  it("fails with the provider's error when it stays down", async () => {
    const fake = fakeProvider("anthropic.test", () => providerError(503));
    restore = fake.restore;
    await expect(evaluate({ ...config("anthropic", "http://anthropic.test"), maxRetries: 1 }, subject, "n")).rejects.toThrow();
    expect(fake.seen).toHaveLength(2);
  });
});

describe("evaluate with OpenAI and OpenRouter", () => {
  it("parses the forced function call's arguments, for OpenAI", async () => {
    const fake = fakeProvider("openai.test", () => openAiToolAnswer(JSON.stringify(verdict)));
    restore = fake.restore;
    const answer = await evaluate(config("openai", "http://openai.test/v1"), subject, "n");
    expect(answer).toEqual({ answer: verdict, model: "gpt-fake", usage: { inputTokens: 1100, outputTokens: 80 } });
    const [request] = fake.seen;
    expect(request?.url).toBe("http://openai.test/v1/chat/completions");
    expect(request?.headers.get("authorization")).toBe("Bearer sk-test-key");
    expect(request?.body).toMatchObject({ tool_choice: { type: "function", function: { name: "submit_verdict" } } });
  });

  it("speaks the same wire format to OpenRouter at its base URL", async () => {
    const fake = fakeProvider("openrouter.test", () => openAiToolAnswer(JSON.stringify(verdict)));
    restore = fake.restore;
    const answer = await evaluate(config("openrouter", "http://openrouter.test/api/v1"), subject, "n");
    expect(answer.answer).toEqual(verdict);
    expect(fake.seen[0]?.url).toBe("http://openrouter.test/api/v1/chat/completions");
  });

  it("returns no answer when the arguments are not JSON", async () => {
    const fake = fakeProvider("openai.test", () => openAiToolAnswer("verdict: pass"));
    restore = fake.restore;
    expect((await evaluate(config("openai", "http://openai.test/v1"), subject, "n")).answer).toBeNull();
  });
});
