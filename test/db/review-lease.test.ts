// The lease on a review run: only one queue message at a time may call the model for it, the
// same message may take it back (a redelivery after a crash), and an expired lease passes on.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { takeReviewLease, takeRun } from "../../src/db/reviews";
import { autoReviewed } from "../helpers/review";
import { reviewJobsByHand } from "../helpers/review-queue";

reviewJobsByHand();

async function startedRun() {
  const reviewed = await autoReviewed();
  const db = database(env.DB);
  const run = await takeRun(
    db,
    { taskId: reviewed.task.id, deliverableId: reviewed.deliverableId, agentId: reviewed.agent.id },
    new Date().toISOString(),
  );
  return { db, run };
}

describe("takeReviewLease", () => {
  it("grants one holder at a time, and the holder again", async () => {
    const { db, run } = await startedRun();
    const now = new Date();
    expect(await takeReviewLease(db, run.id, "message-a", now, 300)).toBe(true);
    expect(await takeReviewLease(db, run.id, "message-b", now, 300)).toBe(false);
    expect(await takeReviewLease(db, run.id, "message-a", now, 300)).toBe(true);
  });

  it("passes an expired lease to the next holder", async () => {
    const { db, run } = await startedRun();
    const then = new Date(Date.now() - 400_000);
    expect(await takeReviewLease(db, run.id, "message-a", then, 300)).toBe(true);
    expect(await takeReviewLease(db, run.id, "message-b", new Date(), 300)).toBe(true);
    expect(await takeReviewLease(db, run.id, "message-a", new Date(), 300)).toBe(false);
  });

  it("grants nothing once the model has answered", async () => {
    const { db, run } = await startedRun();
    await env.DB.prepare("UPDATE review_runs SET status = 'evaluated' WHERE id = ?").bind(run.id).run();
    expect(await takeReviewLease(db, run.id, "message-a", new Date(), 300)).toBe(false);
  });

  it("lets exactly one of ten concurrent holders through", async () => {
    const { db, run } = await startedRun();
    const now = new Date();
    const granted = await Promise.all(Array.from({ length: 10 }, (_, i) => takeReviewLease(db, run.id, `message-${i}`, now, 300)));
    expect(granted.filter(Boolean)).toHaveLength(1);
  });
});
