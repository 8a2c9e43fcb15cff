/**
 * The deployment's own key (LLM_PLATFORM_PROVIDER / LLM_PLATFORM_KEY) and what happens when no
 * usable key exists when the review runs. The consumer gets the configuration the test chooses,
 * exactly as the Worker would get it from its vars and secrets.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import type { AppBindings } from "../../../src/env";
import { SKIPPED_FEEDBACK } from "../../../src/queues/reviews/pipeline";
import { expectStatus } from "../../helpers/api";
import { fakeProvider, openAiToolAnswer } from "../../helpers/fake-llm";
import { attemptFor, autoReviewed, PASS, taskStatus } from "../../helpers/review";
import { consumeReviewJobs, paymentsFor, reviewJobsByHand } from "../../helpers/review-queue";

reviewJobsByHand();

const PLATFORM_KEY = "sk-platform-deployment-key-5555";

let restore: () => void = () => {};
afterEach(() => restore());

function withSettings(settings: Partial<AppBindings>): AppBindings {
  return { ...env, ...settings };
}

describe("the platform key", () => {
  it("pays when neither the poster nor the agent has a key, with the configured model and endpoint", async () => {
    const fake = fakeProvider("gateway.test", () => openAiToolAnswer(JSON.stringify(PASS)));
    restore = fake.restore;
    const platform = withSettings({
      LLM_PLATFORM_PROVIDER: "openai",
      LLM_PLATFORM_KEY: PLATFORM_KEY,
      OPENAI_BASE_URL: "http://gateway.test/v1",
      REVIEW_MODEL_OPENAI: "gpt-reviewer-test",
    });
    const { poster, agent, task, deliverableId } = await autoReviewed({ posterKey: false });

    expect(await consumeReviewJobs([{ taskId: task.id, deliverableId }], platform)).toEqual({ acked: 1, retried: 0 });

    const [request] = fake.seen;
    expect(fake.seen).toHaveLength(1);
    expect(request?.url).toBe("http://gateway.test/v1/chat/completions");
    expect(request?.headers.get("authorization")).toBe(`Bearer ${PLATFORM_KEY}`);
    expect(request?.body.model).toBe("gpt-reviewer-test");
    const attempt = await attemptFor(agent, task.id, deliverableId);
    expect(attempt).toMatchObject({ result: "pass", key_source: "platform", provider: "openai", model: "gpt-fake", error: null });
    expect(await taskStatus(poster, task.id)).toBe("completed");
    expect(await paymentsFor(task.id)).toBe(1);
  });

  it.each([
    ["a provider without a key", { LLM_PLATFORM_PROVIDER: "openai" }],
    ["a key without a provider", { LLM_PLATFORM_KEY: PLATFORM_KEY }],
    ["a provider TaskHive does not support", { LLM_PLATFORM_PROVIDER: "gemini", LLM_PLATFORM_KEY: PLATFORM_KEY }],
  ])("is not used when configured with %s: the review is skipped and the poster decides", async (_case, settings) => {
    const fake = fakeProvider("api.openai.com", () => openAiToolAnswer(JSON.stringify(PASS)));
    restore = fake.restore;
    const { poster, task, deliverableId } = await autoReviewed({ posterKey: false });

    expect(await consumeReviewJobs([{ taskId: task.id, deliverableId }], withSettings(settings))).toEqual({ acked: 1, retried: 0 });

    expect(fake.seen).toHaveLength(0);
    const attempt = await attemptFor(poster, task.id, deliverableId);
    expect(attempt).toMatchObject({ status: "applied", result: "skipped", key_source: "none", feedback: SKIPPED_FEEDBACK });
    expect(await taskStatus(poster, task.id)).toBe("delivered");
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${deliverableId}/accept`, poster);
  });
});

describe("a key that cannot be used when the review runs", () => {
  it("ends as error with a clear reason, without a model call or a crash, and the poster decides", async () => {
    const fake = fakeProvider("api.anthropic.com", () => Response.json({}));
    restore = fake.restore;
    const { poster, task, deliverableId } = await autoReviewed();
    // The poster's key was sealed under the deployment's key; a rotated ENCRYPTION_KEY cannot open it.
    const rotated = withSettings({ ENCRYPTION_KEY: "cd".repeat(32) });

    expect(await consumeReviewJobs([{ taskId: task.id, deliverableId }], rotated)).toEqual({ acked: 1, retried: 0 });

    expect(fake.seen).toHaveLength(0);
    const attempt = await attemptFor(poster, task.id, deliverableId);
    expect(attempt).toMatchObject({ result: "error", key_source: "poster", provider: "anthropic" });
    expect(attempt.error).toMatch(/poster's stored LLM key could not be decrypted/);
    expect(await taskStatus(poster, task.id)).toBe("delivered");
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${deliverableId}/accept`, poster);
  });
});
