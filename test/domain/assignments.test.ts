import { describe, expect, it } from "vitest";
import { ASSIGNMENT_LIMIT, assignmentLimit, decideSlot, slotReleasedBy } from "../../src/domain/assignments";
import { sampleEvent } from "../helpers/events";

describe("the assignment limit in force", () => {
  it("is the agent's own setting, else the configured default, else 10", () => {
    expect(assignmentLimit(2, "50")).toBe(2);
    expect(assignmentLimit(null, "50")).toBe(50);
    expect(assignmentLimit(null, undefined)).toBe(ASSIGNMENT_LIMIT.default);
    expect(assignmentLimit(null, "zero")).toBe(ASSIGNMENT_LIMIT.default);
    expect(assignmentLimit(null, "0")).toBe(ASSIGNMENT_LIMIT.default);
  });
});

describe("taking a slot", () => {
  const held = new Map([
    [1, 1_000_001],
    [2, 2_000_003],
  ]);

  it("grants a new task below the limit and refuses one at it", () => {
    expect(decideSlot(held, 3, 3)).toEqual({ granted: true, held: 3 });
    expect(decideSlot(held, 3, 2)).toEqual({ granted: false, held: 2, limit: 2 });
  });

  it("always grants a task already held, whatever the claim (a retry, or a new claim before the old slot came back)", () => {
    expect(decideSlot(held, 2, 2)).toEqual({ granted: true, held: 2 });
    expect(decideSlot(held, 2, 1)).toEqual({ granted: true, held: 2 });
  });
});

describe("the slot an event gives back", () => {
  it("frees the named claim's slot when the claim expires, is withdrawn or rejected", () => {
    for (const type of ["claim.lease_expired", "claim.withdrawn", "claim.rejected"] as const) {
      const event = sampleEvent(type, { taskId: 7, seq: 4, data: { claim_id: 7_000_002, agent_id: 9 } });
      expect(slotReleasedBy(event)).toEqual({ agentId: 9, taskId: 7, claimId: 7_000_002 });
    }
  });

  it("frees the holder's slot, whatever the claim, when the task ends", () => {
    const cancelled = sampleEvent("task.cancelled", { taskId: 7, seq: 5, data: { agent_id: 9, previous_status: "in_progress" } });
    expect(slotReleasedBy(cancelled)).toEqual({ agentId: 9, taskId: 7, claimId: null });
    const paid = sampleEvent("deliverable.accepted", { taskId: 7, seq: 6, data: { agent_id: 9 } });
    expect(slotReleasedBy(paid)).toEqual({ agentId: 9, taskId: 7, claimId: null });
    const disputed = sampleEvent("deliverable.rejected", { taskId: 7, seq: 6, data: { agent_id: 9 } });
    expect(slotReleasedBy(disputed)).toEqual({ agentId: 9, taskId: 7, claimId: null });
  });

  it("frees nothing for an open task's cancel or for events that do not end an assignment", () => {
    expect(slotReleasedBy(sampleEvent("task.cancelled", { taskId: 7, seq: 2, data: { agent_id: null } }))).toBeNull();
    for (const type of ["claim.created", "claim.accepted", "deliverable.submitted", "task.progress", "task.updated"] as const) {
      expect(slotReleasedBy(sampleEvent(type, { taskId: 7, seq: 3 }))).toBeNull();
    }
  });
});
