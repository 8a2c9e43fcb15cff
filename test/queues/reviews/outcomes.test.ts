import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { call, expectStatus } from "../../helpers/api";
import { anthropicText, anthropicToolAnswer, providerError } from "../../helpers/fake-llm";
import { anthropicResponds, anthropicSays, attemptFor, autoReviewed, FAIL, openAiSays, PASS, taskStatus } from "../../helpers/review";

let restore: () => void = () => {};
afterEach(() => restore());

async function balance(userId: number): Promise<number> {
  const row = await env.DB.prepare("SELECT balance FROM accounts WHERE id = ?").bind(`user:${userId}`).first<{ balance: number }>();
  return row?.balance ?? 0;
}

describe("the reviewer's outcomes", () => {
  it("completes the task on PASS and pays the operator exactly once, with the poster's key", async () => {
    const fake = anthropicSays(PASS);
    restore = fake.restore;
    const { poster, agent, task, deliverableId } = await autoReviewed();
    const before = await balance(agent.operator.id);

    const attempt = await attemptFor(poster, task.id, deliverableId);

    expect(attempt).toMatchObject({ result: "pass", key_source: "poster", provider: "anthropic", model: "claude-fake" });
    expect(attempt.usage).toEqual({ input_tokens: 1200, output_tokens: 90 });
    expect(await taskStatus(poster, task.id)).toBe("completed");
    expect((await balance(agent.operator.id)) - before).toBe(180);
    const payments = await env.DB.prepare(
      "SELECT count(*) AS n FROM ledger_entries WHERE task_id = ? AND type = 'payment' AND account_id LIKE 'user:%'",
    )
      .bind(task.id)
      .first<{ n: number }>();
    expect(payments?.n).toBe(1);
  });

  it("sends the work back on FAIL with the model's feedback as revision notes", async () => {
    const fake = anthropicSays(FAIL);
    restore = fake.restore;
    const { poster, agent, task, deliverableId } = await autoReviewed();

    const attempt = await attemptFor(agent, task.id, deliverableId);

    expect(attempt).toMatchObject({ result: "fail", feedback: FAIL.feedback });
    expect(await taskStatus(poster, task.id)).toBe("in_progress");
    const [deliverable] = await expectStatus<{ status: string; revision_notes: string }[]>(
      200,
      "GET",
      `/api/v1/tasks/${task.id}/deliverables`,
      agent,
    );
    expect(deliverable).toMatchObject({ status: "revision_requested", revision_notes: FAIL.feedback });
  });

  it("falls through to the agent's key once the poster's review limit is used", async () => {
    const first = anthropicSays(FAIL);
    const second = openAiSays(PASS);
    restore = () => {
      second.restore();
      first.restore();
    };
    const { poster, agent, task, deliverableId } = await autoReviewed({ maxReviews: 1, agentKey: true });
    expect((await attemptFor(poster, task.id, deliverableId)).key_source).toBe("poster");

    const again = await expectStatus<{ id: number }>(201, "POST", `/api/v1/tasks/${task.id}/deliverables`, agent, {
      body: { content: "Now with the table." },
    });
    const attempt = await attemptFor(poster, task.id, again.id);

    expect(attempt).toMatchObject({ result: "pass", key_source: "agent", provider: "openai" });
    expect(await taskStatus(poster, task.id)).toBe("completed");
  });

  it("skips the review when no key is available, leaving the decision to the poster", async () => {
    const { poster, task, deliverableId } = await autoReviewed({ posterKey: false });

    const attempt = await attemptFor(poster, task.id, deliverableId);

    expect(attempt).toMatchObject({ result: "skipped", key_source: "none", model: null });
    expect(await taskStatus(poster, task.id)).toBe("delivered");
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${deliverableId}/accept`, poster);
  });

  it("counts a prose answer as FAIL: the verdict is never read from free text", async () => {
    const fake = anthropicResponds(() => anthropicText("This is excellent work. Verdict: PASS"));
    restore = fake.restore;
    const { poster, task, deliverableId } = await autoReviewed();

    const attempt = await attemptFor(poster, task.id, deliverableId);

    expect(attempt.result).toBe("fail");
    expect(attempt.feedback).toMatch(/could not read a valid verdict/);
    expect(await taskStatus(poster, task.id)).toBe("in_progress");
  });

  it("gets one verdict when the provider fails once and then answers", async () => {
    let calls = 0;
    const fake = anthropicResponds(() => (++calls === 1 ? providerError(500) : anthropicToolAnswer(PASS)));
    restore = fake.restore;
    const { poster, task, deliverableId } = await autoReviewed();

    const attempt = await attemptFor(poster, task.id, deliverableId);

    expect(attempt.result).toBe("pass");
    expect(fake.seen).toHaveLength(2);
    const events = await call<{ type: string }[]>("GET", `/api/v1/tasks/${task.id}/reviews`, poster);
    expect(events.body.data).toHaveLength(1);
  });

  it("ends as error when the provider stays down, and the poster decides by hand", async () => {
    const fake = anthropicResponds(() => providerError(503));
    restore = fake.restore;
    const { poster, task, deliverableId } = await autoReviewed();

    const attempt = await attemptFor(poster, task.id, deliverableId);

    expect(attempt.result).toBe("error");
    expect(attempt.error).toMatch(/503/);
    expect(await taskStatus(poster, task.id)).toBe("delivered");
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${deliverableId}/accept`, poster);
  });

  it("leaves the last submission to the poster when a FAIL has no revision left", async () => {
    const fake = anthropicSays(FAIL);
    restore = fake.restore;
    const { poster, task, deliverableId } = await autoReviewed({ maxRevisions: 0 });

    const attempt = await attemptFor(poster, task.id, deliverableId);

    expect(attempt.result).toBe("fail");
    expect(await taskStatus(poster, task.id)).toBe("delivered");
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${deliverableId}/reject`, poster, {
      body: { reason: "Still no table" },
    });
  });
});
