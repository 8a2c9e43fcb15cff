// Every time-based rule is a time on the task its room holds, fired by the room's one alarm
// (or before the next command) through the same writes a person's command makes. Each test moves
// a timer into the past, runs the alarm, then runs it again: nothing happens twice.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { roomOf } from "../../src/contracts/addresses";
import {
  acceptDeliverable,
  call,
  claim,
  claimedTask,
  deliver,
  expectStatus,
  personWithAgent,
  postTask,
  registerPerson,
} from "../helpers/api";
import { expectError } from "../helpers/flows";
import { settled } from "../helpers/rooms";
import { fireAlarm, justPassed, moveClock, roomEvents, roomTask } from "../helpers/timers";

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

async function paymentEntries(taskId: number): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM ledger_entries WHERE task_id = ?").bind(taskId).first<{ n: number }>();
  return row?.n ?? 0;
}

async function transferKeys(taskId: number): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT DISTINCT transfer_key FROM ledger_entries WHERE task_id = ? ORDER BY transfer_key")
    .bind(taskId)
    .all<{ transfer_key: string }>();
  return results.map((r) => r.transfer_key);
}

describe("leases", () => {
  it("starts a lease of the task's lease_seconds when a claim is accepted", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const before = Date.now();
    const { task } = await claimedTask(poster, worker, { lease_seconds: 120 });
    const view = await expectStatus<{ lease_seconds: number; lease_expires_at: string }>(200, "GET", `/api/v1/tasks/${task.id}`, worker);
    expect(view.lease_seconds).toBe(120);
    const expires = Date.parse(view.lease_expires_at);
    expect(expires).toBeGreaterThanOrEqual(before + 120_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 120_000);
  });

  it("expires a silent assignee's claim once: the task reopens, the agent is told and counted", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const { task, claim: bid } = await claimedTask(poster, worker, { lease_seconds: 60 });
    await moveClock(task.id, { leaseExpiresAt: justPassed() });

    expect(await fireAlarm(task.id)).toBe(true);
    const reopened = await roomTask(task.id);
    expect(reopened).toMatchObject({ status: "open", claimedByAgentId: null, acceptedClaimId: null, leaseExpiresAt: null });
    const events = await roomEvents(task.id);
    const expiry = events.filter((e) => e.type === "claim.lease_expired");
    expect(expiry).toHaveLength(1);
    expect(expiry[0]?.data).toMatchObject({ claim_id: bid.id, agent_id: worker.id });
    expect(events.at(-1)).toMatchObject({ type: "task.updated", data: { status: "open", previous_status: "claimed" } });

    // Fired again (at-least-once alarms): nothing more happens.
    await fireAlarm(task.id);
    expect(await roomEvents(task.id)).toHaveLength(events.length);

    await settled(task.id);
    const claims = await call<{ id: number; status: string }[]>("GET", `/api/v1/tasks/${task.id}/claims`, poster);
    expect(claims.body.data.find((c) => c.id === bid.id)?.status).toBe("expired");
    const profile = await expectStatus<{ lease_expiries: number }>(200, "GET", `/api/v1/agents/${worker.id}`, poster);
    expect(profile.lease_expiries).toBe(1);

    // The worker learns at its next heartbeat that it should stop; the task takes new claims.
    const late = await call("POST", `/api/v1/tasks/${task.id}/heartbeat`, worker, { body: { progress: 90 } });
    expectError(late, 409, "ASSIGNMENT_ENDED", `Your lease on task ${task.id} expired and the task reopened; stop working on it`);
    const again = await claim(worker, task.id);
    expect(again.status).toBe("pending");
  });

  it("extends the lease with each heartbeat and keeps the report, announcing it at most once per 30 s", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const { task } = await claimedTask(poster, worker, { lease_seconds: 60 });
    const first = await expectStatus<{ lease_expires_at: string; announced: boolean; status: string }>(
      200,
      "POST",
      `/api/v1/tasks/${task.id}/heartbeat`,
      worker,
      { body: { progress: 10, note: "Reading", resources: { model: "m-1", memory_mb: 512 } } },
    );
    expect(first).toMatchObject({ announced: true, status: "claimed" });
    const second = await expectStatus<{ lease_expires_at: string; announced: boolean }>(
      200,
      "POST",
      `/api/v1/tasks/${task.id}/heartbeat`,
      worker,
      { body: { progress: 20 } },
    );
    expect(second.announced).toBe(false);
    expect(Date.parse(second.lease_expires_at)).toBeGreaterThanOrEqual(Date.parse(first.lease_expires_at));

    const progress = (await roomEvents(task.id)).filter((e) => e.type === "task.progress");
    expect(progress).toHaveLength(1);
    expect(progress[0]?.data).toEqual({ agent_id: worker.id, progress: 10, note: "Reading", resources: { model: "m-1", memory_mb: 512 } });

    const seenByPoster = await expectStatus<{ last_heartbeat: { progress: number } | null }>(
      200,
      "GET",
      `/api/v1/tasks/${task.id}`,
      poster,
    );
    expect(seenByPoster.last_heartbeat?.progress).toBe(20);
    const stranger = await personWithAgent("Stranger");
    const seenByStranger = await expectStatus<{ last_heartbeat: unknown }>(200, "GET", `/api/v1/tasks/${task.id}`, stranger);
    expect(seenByStranger.last_heartbeat).toBeNull();
  });

  it("accepts a heartbeat without a body, and refuses one that reports nonsense", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const { task } = await claimedTask(poster, worker);
    const bare = await expectStatus<{ announced: boolean }>(200, "POST", `/api/v1/tasks/${task.id}/heartbeat`, worker);
    expect(bare.announced).toBe(false);
    const bad = await call("POST", `/api/v1/tasks/${task.id}/heartbeat`, worker, { body: { progress: 101 } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("VALIDATION_ERROR");
  });

  it("answers TASK_CANCELLED to the assignee of a cancelled task, and refuses other agents", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const other = await personWithAgent("Other");
    const { task } = await claimedTask(poster, worker);
    const notYours = await call("POST", `/api/v1/tasks/${task.id}/heartbeat`, other);
    expectError(notYours, 403, "NOT_CLAIMED_BY_YOU");
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/cancel`, poster);
    const stop = await call("POST", `/api/v1/tasks/${task.id}/heartbeat`, worker);
    expectError(stop, 409, "TASK_CANCELLED", `Task ${task.id} was cancelled; stop working on it`);
  });

  it("fires an expired lease before the next command: a late heartbeat or delivery finds the task reopened", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const { task } = await claimedTask(poster, worker, { lease_seconds: 60 });
    await moveClock(task.id, { leaseExpiresAt: justPassed() });

    const [beat, delivery] = await Promise.all([
      call("POST", `/api/v1/tasks/${task.id}/heartbeat`, worker, { body: { progress: 99 } }),
      call("POST", `/api/v1/tasks/${task.id}/deliverables`, worker, { body: { content: "Too late" } }),
    ]);
    expectError(beat, 409, "ASSIGNMENT_ENDED");
    expectError(delivery, 409, "INVALID_STATUS");
    // The alarm that was due finds nothing left to do.
    await fireAlarm(task.id);
    const expiries = (await roomEvents(task.id)).filter((e) => e.type === "claim.lease_expired");
    expect(expiries).toHaveLength(1);
    expect(await roomTask(task.id)).toMatchObject({ status: "open", deliverablesCount: 0 });
  });

  it("restarts the lease when work is sent back for revision, and pauses it while a delivery waits", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const { task } = await claimedTask(poster, worker, { lease_seconds: 60, max_revisions: 1 });
    const work = await deliver(worker, task.id);
    expect(await roomTask(task.id)).toMatchObject({ status: "delivered", leaseExpiresAt: null });
    const beat = await call("POST", `/api/v1/tasks/${task.id}/heartbeat`, worker);
    expectError(beat, 409, "INVALID_STATUS");
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${work.id}/revision`, poster, {
      body: { revision_notes: "More detail" },
    });
    const revising = await roomTask(task.id);
    expect(revising?.status).toBe("in_progress");
    expect(Date.parse(revising?.leaseExpiresAt ?? "")).toBeGreaterThan(Date.now());
  });
});

describe("deadlines", () => {
  it("cancels a task still open at its deadline (reason deadline), rejecting its bids, once", async () => {
    const poster = await registerPerson("Poster");
    const bidder = await personWithAgent();
    const task = await postTask(poster, { deadline: inAnHour() });
    const bid = await claim(bidder, task.id);
    await moveClock(task.id, { deadline: justPassed() });

    await fireAlarm(task.id);
    await fireAlarm(task.id);
    const events = await roomEvents(task.id);
    const cancels = events.filter((e) => e.type === "task.cancelled");
    expect(cancels).toHaveLength(1);
    expect(cancels[0]?.data).toMatchObject({ reason: "deadline", previous_status: "open" });
    expect(events.find((e) => e.type === "claim.rejected")?.data).toMatchObject({
      claim_id: bid.id,
      reason: "the task reached its deadline unassigned",
    });
    expect(await roomTask(task.id)).toMatchObject({ status: "cancelled" });
  });

  it("flags an assigned task late at its deadline and tells the poster and the assignee, once", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const { task } = await claimedTask(poster, worker, { deadline: inAnHour() });
    await moveClock(task.id, { deadline: justPassed() });

    await fireAlarm(task.id);
    await fireAlarm(task.id);
    const passed = (await roomEvents(task.id)).filter((e) => e.type === "task.deadline_passed");
    expect(passed).toHaveLength(1);
    expect(passed[0]?.data).toMatchObject({ agent_id: worker.id });
    const view = await expectStatus<{ late: boolean; status: string }>(200, "GET", `/api/v1/tasks/${task.id}`, poster);
    expect(view).toMatchObject({ late: true, status: "claimed" });
  });

  it("cancels a late task that is rolled back, since it is open past its deadline", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const { task } = await claimedTask(poster, worker, { deadline: inAnHour() });
    await moveClock(task.id, { deadline: justPassed() });
    await fireAlarm(task.id);
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/rollback`, poster);

    await fireAlarm(task.id);
    expect(await roomTask(task.id)).toMatchObject({ status: "cancelled" });
    const cancel = (await roomEvents(task.id)).find((e) => e.type === "task.cancelled");
    expect(cancel?.data).toMatchObject({ reason: "deadline", previous_status: "open" });
  });
});

describe("auto-accept", () => {
  it("opens the window on delivery and accepts for the poster when it closes, paying exactly once", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const { task } = await claimedTask(poster, worker, { auto_accept_seconds: 60, budget_credits: 100 });
    const work = await deliver(worker, task.id);
    const waiting = await expectStatus<{ auto_accept_at: string; auto_accept_seconds: number }>(
      200,
      "GET",
      `/api/v1/tasks/${task.id}`,
      poster,
    );
    expect(waiting.auto_accept_seconds).toBe(60);
    expect(Date.parse(waiting.auto_accept_at)).toBeGreaterThan(Date.now());

    await moveClock(task.id, { autoAcceptAt: justPassed() });
    await fireAlarm(task.id);
    await fireAlarm(task.id);
    const accepted = (await roomEvents(task.id)).filter((e) => e.type === "deliverable.accepted");
    expect(accepted).toHaveLength(1);
    expect(accepted[0]?.data).toMatchObject({ deliverable_id: work.id, auto_accepted: true, credits_paid: 90, platform_fee: 10 });
    await settled(task.id);
    // The completion's two transfers (the operator's payment, the platform's fee), written once.
    expect(await transferKeys(task.id)).toEqual([`task:${task.id}:fee`, `task:${task.id}:payment`]);
    const entries = await paymentEntries(task.id);
    await fireAlarm(task.id);
    await settled(task.id);
    expect(await paymentEntries(task.id)).toBe(entries);
  });

  it("pays once when the poster accepts at the moment the window closes", async () => {
    for (let round = 0; round < 3; round++) {
      const poster = await registerPerson("Poster");
      const worker = await personWithAgent();
      const { task } = await claimedTask(poster, worker, { auto_accept_seconds: 60 });
      const work = await deliver(worker, task.id);
      await moveClock(task.id, { autoAcceptAt: justPassed() });

      const [byPoster] = await Promise.all([
        call("POST", `/api/v1/tasks/${task.id}/deliverables/${work.id}/accept`, poster),
        fireAlarm(task.id),
      ]);
      // Whoever came second found the task completed: the poster is refused, or the alarm finds nothing due.
      expect([200, 409]).toContain(byPoster.status);
      expect((await roomEvents(task.id)).filter((e) => e.type === "deliverable.accepted")).toHaveLength(1);
      await settled(task.id);
      expect(await transferKeys(task.id)).toEqual([`task:${task.id}:fee`, `task:${task.id}:payment`]);
    }
  });

  it("is cancelled by any poster decision, and never runs for a task that says never", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const { task } = await claimedTask(poster, worker, { auto_accept_seconds: null });
    await deliver(worker, task.id);
    expect(await roomTask(task.id)).toMatchObject({ status: "delivered", autoAcceptAt: null });

    const other = await claimedTask(poster, worker, { auto_accept_seconds: 60, max_revisions: 1 });
    const work = await deliver(worker, other.task.id);
    await expectStatus(200, "POST", `/api/v1/tasks/${other.task.id}/deliverables/${work.id}/revision`, poster, {
      body: { revision_notes: "Again" },
    });
    expect(await roomTask(other.task.id)).toMatchObject({ status: "in_progress", autoAcceptAt: null });
  });

  it("leaves an auto-reviewed delivery to the reviewer, and starts the window when the reviewer hands it back", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const { task } = await claimedTask(poster, worker, { auto_accept_seconds: 60, auto_review_enabled: true, max_revisions: 0 });
    const work = await deliver(worker, task.id);
    expect(await roomTask(task.id)).toMatchObject({ status: "delivered", autoAcceptAt: null });

    const applied = await roomOf(env, task.id).applyReview(work.id, { result: "skipped", feedback: "No key", keySource: "none" });
    expect(applied).toMatchObject({ ok: true, value: { applied: true, taskStatus: "delivered" } });
    const handedBack = await roomTask(task.id);
    expect(Date.parse(handedBack?.autoAcceptAt ?? "")).toBeGreaterThan(Date.now());

    await moveClock(task.id, { autoAcceptAt: justPassed() });
    await fireAlarm(task.id);
    expect(await roomTask(task.id)).toMatchObject({ status: "completed" });
  });

  it("refuses windows and leases shorter than a minute", async () => {
    const poster = await registerPerson("Poster");
    for (const body of [{ lease_seconds: 59 }, { auto_accept_seconds: 30 }, { lease_seconds: 86_401 }]) {
      const refused = await call("POST", "/api/v1/tasks", poster, {
        body: { title: "Short timers", description: "A task description long enough to pass validation.", budget_credits: 50, ...body },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe("VALIDATION_ERROR");
    }
  });
});

describe("acceptDeliverable by hand still works with a window open", () => {
  it("completes once and leaves no timer behind", async () => {
    const poster = await registerPerson("Poster");
    const worker = await personWithAgent();
    const { task } = await claimedTask(poster, worker, { auto_accept_seconds: 60 });
    const work = await deliver(worker, task.id);
    await acceptDeliverable(poster, task.id, work.id);
    expect(await roomTask(task.id)).toMatchObject({ status: "completed", autoAcceptAt: null, leaseExpiresAt: null });
  });
});
