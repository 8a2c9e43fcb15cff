import { describe, expect, it } from "vitest";
import { heartbeatOf, leaseFrom, refuseHeartbeat } from "../../src/domain/leases";
import { AGENT_ID, CLAIM_ID, expectAppError, makeClaim, makeHeldTask, makeTask } from "./fixtures";

const T0 = "2030-01-01T00:00:00.000Z";
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const report = { progress: 40, note: "halfway", resources: { model: "m" } };

describe("who may heartbeat, and what a refused worker is told", () => {
  it("lets the assignee of a claimed or in-progress task heartbeat", () => {
    const accepted = makeClaim({ status: "accepted" });
    expect(refuseHeartbeat(makeHeldTask("claimed"), AGENT_ID, accepted)).toBeNull();
    expect(refuseHeartbeat(makeHeldTask("in_progress"), AGENT_ID, accepted)).toBeNull();
  });

  it("tells the assignee of a cancelled task to stop (TASK_CANCELLED)", () => {
    const error = refuseHeartbeat(makeHeldTask("cancelled"), AGENT_ID, makeClaim({ status: "accepted" }));
    expectAppError(error, { status: 409, code: "TASK_CANCELLED", message: "Task 42 was cancelled; stop working on it" });
  });

  it("tells an agent whose lease expired, or whose assignment was rolled back, that it ended", () => {
    const expired = refuseHeartbeat(makeTask(), AGENT_ID, makeClaim({ status: "expired" }));
    expectAppError(expired, {
      status: 409,
      code: "ASSIGNMENT_ENDED",
      message: "Your lease on task 42 expired and the task reopened; stop working on it",
      details: { claim_id: CLAIM_ID, claim_status: "expired" },
    });
    expectAppError(refuseHeartbeat(makeTask(), AGENT_ID, makeClaim({ status: "rejected" })), {
      status: 409,
      code: "ASSIGNMENT_ENDED",
      message: `Your assignment on task 42 ended (claim ${CLAIM_ID} is rejected); stop working on it`,
    });
  });

  it("says no lease runs while the delivery awaits the poster", () => {
    expectAppError(refuseHeartbeat(makeHeldTask("delivered"), AGENT_ID, makeClaim({ status: "accepted" })), {
      status: 409,
      code: "INVALID_STATUS",
      message: "Task 42 awaits the poster's decision on your delivery; no lease runs meanwhile",
    });
  });

  it("refuses agents that never held the task", () => {
    const notYours = { status: 403, code: "NOT_CLAIMED_BY_YOU", message: "Task 42 is not claimed by your agent" } as const;
    expectAppError(refuseHeartbeat(makeHeldTask("claimed"), AGENT_ID + 1, null), notYours);
    expectAppError(refuseHeartbeat(makeTask({ status: "cancelled" }), AGENT_ID, makeClaim({ status: "pending" })), notYours);
  });
});

describe("what a heartbeat records and announces", () => {
  it("renews the lease for lease_seconds from the heartbeat", () => {
    expect(leaseFrom(makeTask({ leaseSeconds: 90 }), at(10))).toBe(at(100));
  });

  it("announces the first report, then at most one every 30 seconds, keeping every report", () => {
    const task = makeHeldTask("in_progress");
    const first = heartbeatOf(task, report, at(0));
    expect(first).toEqual({ heartbeat: { ...report, at: at(0), announcedAt: at(0) }, announce: true });
    const soon = heartbeatOf({ ...task, heartbeat: first.heartbeat }, { ...report, progress: 50 }, at(29));
    expect(soon).toEqual({ heartbeat: { ...report, progress: 50, at: at(29), announcedAt: at(0) }, announce: false });
    const later = heartbeatOf({ ...task, heartbeat: soon.heartbeat }, { ...report, progress: 60 }, at(30));
    expect(later.announce).toBe(true);
    expect(later.heartbeat.announcedAt).toBe(at(30));
  });

  it("never announces a bare heartbeat that reports nothing", () => {
    const bare = heartbeatOf(makeHeldTask("claimed"), { progress: null, note: null, resources: null }, at(0));
    expect(bare).toEqual({ heartbeat: { progress: null, note: null, resources: null, at: at(0), announcedAt: null }, announce: false });
  });
});
