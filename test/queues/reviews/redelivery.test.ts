/**
 * Queues deliver at least once: a review job may arrive twice, twice in one batch, or again after
 * failing part-way. Whatever happens, a submission gets one verdict, one payment, and one paid
 * call to the model.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { anthropicToolAnswer } from "../../helpers/fake-llm";
import { anthropicResponds, anthropicSays, autoReviewed, PASS, taskStatus } from "../../helpers/review";
import { consumeReviewJobs, paymentsFor, reviewJobsByHand, roomEventTypes, roomsApplying, runsOf } from "../../helpers/review-queue";

reviewJobsByHand();

let restore: () => void = () => {};
afterEach(() => restore());

/** The verdict was applied once: one run, one payment, one review event, the task completed. */
async function expectOneVerdict(reviewed: Awaited<ReturnType<typeof autoReviewed>>): Promise<void> {
  const runs = await runsOf(reviewed.task.id);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ status: "applied", result: "pass", key_source: "poster", error: null });
  expect(await paymentsFor(reviewed.task.id)).toBe(1);
  expect((await roomEventTypes(reviewed.task.id)).filter((type) => type === "review.completed")).toHaveLength(1);
  expect(await taskStatus(reviewed.poster, reviewed.task.id)).toBe("completed");
}

describe("a review job delivered more than once", () => {
  it("is reviewed once when the same job arrives again after it was applied", async () => {
    const fake = anthropicSays(PASS);
    restore = fake.restore;
    const reviewed = await autoReviewed();
    const job = { taskId: reviewed.task.id, deliverableId: reviewed.deliverableId };

    expect(await consumeReviewJobs([job])).toEqual({ acked: 1, retried: 0 });
    expect(await consumeReviewJobs([{ ...job, attempts: 2 }])).toEqual({ acked: 1, retried: 0 });

    expect(fake.seen).toHaveLength(1);
    await expectOneVerdict(reviewed);
  });

  it("is reviewed once when two copies of the job arrive in one batch", async () => {
    const fake = anthropicSays(PASS);
    restore = fake.restore;
    const reviewed = await autoReviewed();
    const job = { taskId: reviewed.task.id, deliverableId: reviewed.deliverableId };

    expect(await consumeReviewJobs([job, job])).toEqual({ acked: 2, retried: 0 });

    expect(fake.seen).toHaveLength(1);
    await expectOneVerdict(reviewed);
  });

  it("resumes without asking the model again when it answered but the verdict could not be applied", async () => {
    const fake = anthropicSays(PASS);
    restore = fake.restore;
    const reviewed = await autoReviewed();
    const job = { taskId: reviewed.task.id, deliverableId: reviewed.deliverableId };
    const roomDown = roomsApplying(async () => {
      throw new Error("TaskRoom unreachable");
    });

    expect(await consumeReviewJobs([job], roomDown)).toEqual({ acked: 0, retried: 1 });
    const [stopped] = await runsOf(reviewed.task.id);
    expect(stopped).toMatchObject({ status: "evaluated", result: null, key_source: "poster" });
    expect(JSON.parse(stopped?.answer ?? "null")).toEqual(PASS);
    expect(await paymentsFor(reviewed.task.id)).toBe(0);
    expect(await taskStatus(reviewed.poster, reviewed.task.id)).toBe("delivered");

    expect(await consumeReviewJobs([{ ...job, attempts: 2 }])).toEqual({ acked: 1, retried: 0 });

    expect(fake.seen).toHaveLength(1);
    await expectOneVerdict(reviewed);
  });

  it("records the verdict when the room applied it but its answer was lost before the run was closed", async () => {
    const fake = anthropicSays(PASS);
    restore = fake.restore;
    const reviewed = await autoReviewed();
    const job = { taskId: reviewed.task.id, deliverableId: reviewed.deliverableId };
    const answerLost = roomsApplying(async (room, ...args) => {
      await room.applyReview(...args);
      throw new Error("connection reset after the room answered");
    });

    expect(await consumeReviewJobs([job], answerLost)).toEqual({ acked: 0, retried: 1 });
    expect(await paymentsFor(reviewed.task.id)).toBe(1);
    expect((await runsOf(reviewed.task.id))[0]?.status).toBe("evaluated");

    expect(await consumeReviewJobs([{ ...job, attempts: 2 }])).toEqual({ acked: 1, retried: 0 });

    expect(fake.seen).toHaveLength(1);
    await expectOneVerdict(reviewed);
    expect((await runsOf(reviewed.task.id))[0]?.feedback).toBe(PASS.feedback);
  });

  it("calls the model once when two copies run at the same moment: the second stops while the first holds the run's lease", async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const fake = anthropicResponds(async () => {
      await answered;
      return anthropicToolAnswer(PASS);
    });
    restore = fake.restore;
    const reviewed = await autoReviewed();
    const job = { taskId: reviewed.task.id, deliverableId: reviewed.deliverableId };

    const first = consumeReviewJobs([job]);
    await vi.waitFor(() => expect(fake.seen).toHaveLength(1), { timeout: 10_000 });
    // A copy from a redelivered event (another message) finds the run leased, and leaves it to the first.
    expect(await consumeReviewJobs([job])).toEqual({ acked: 1, retried: 0 });
    answer();
    expect(await first).toEqual({ acked: 1, retried: 0 });

    expect(fake.seen).toHaveLength(1);
    await expectOneVerdict(reviewed);
  });

  it("gives up at once, without a retry, when the room's own code throws: dead-lettered, and the poster decides", async () => {
    const fake = anthropicSays(PASS);
    restore = fake.restore;
    const reviewed = await autoReviewed();
    const job = { taskId: reviewed.task.id, deliverableId: reviewed.deliverableId };
    // The room's code throws on applying a PASS (a bug): closing the review as an error still works.
    const roomBug = roomsApplying(async (room, deliverableId, outcome) => {
      if (outcome.result === "pass") throw Object.assign(new Error("TypeError in applyReview"), { remote: true });
      return room.applyReview(deliverableId, outcome);
    });

    expect(await consumeReviewJobs([job], roomBug)).toEqual({ acked: 1, retried: 0 });
    const dead = await env.DB.prepare("SELECT queue, body FROM dead_letters WHERE body LIKE ?")
      .bind(`%"deliverable_id":${reviewed.deliverableId}%`)
      .all<{ queue: string }>();
    expect(dead.results.map((r) => r.queue)).toEqual(["taskhive-reviews"]);
    expect((await runsOf(reviewed.task.id))[0]).toMatchObject({ status: "applied", result: "error" });
    expect(await taskStatus(reviewed.poster, reviewed.task.id)).toBe("delivered");
  });
});
