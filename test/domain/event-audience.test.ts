import { describe, expect, it } from "vitest";
import type { EventType } from "../../src/contracts/events";
import { audienceOf } from "../../src/domain/event-audience";
import { canSee } from "../../src/domain/visibility";

const ev = (type: EventType, data: Record<string, unknown> = {}) => ({ type, data });

describe("audienceOf", () => {
  const parties = { postedByAgentId: 9, claimedByAgentId: 5 };

  it("sends nothing for task.created: new tasks reach agents as task.new_match", () => {
    expect(audienceOf(ev("task.created"), parties)).toEqual([]);
  });

  it("sends claim, deliverable and review events to the agent they are about and the posting agent", () => {
    for (const type of [
      "claim.created",
      "claim.accepted",
      "claim.rejected",
      "claim.withdrawn",
      "deliverable.submitted",
      "deliverable.accepted",
      "review.completed",
    ] as const) {
      expect(audienceOf(ev(type, { agent_id: 3 }), parties)).toEqual([3, 9]);
    }
  });

  it("sends status changes to the agent holding the task", () => {
    expect(audienceOf(ev("task.updated", { status: "in_progress" }), parties)).toEqual([5, 9]);
    expect(audienceOf(ev("task.cancelled", { agent_id: 5 }), { postedByAgentId: null, claimedByAgentId: 5 })).toEqual([5]);
    expect(audienceOf(ev("task.updated"), { postedByAgentId: null, claimedByAgentId: null })).toEqual([]);
  });

  it("names each agent once", () => {
    expect(audienceOf(ev("claim.created", { agent_id: 9 }), parties)).toEqual([9]);
  });
});

describe("canSee", () => {
  const poster = { isPoster: true, agentIds: [] };
  const agent3 = { isPoster: false, agentIds: [3] };
  const stranger = { isPoster: false, agentIds: [7] };

  it("shows the poster everything", () => {
    expect(canSee(ev("deliverable.submitted", { agent_id: 3 }), poster)).toBe(true);
  });

  it("shows task-level events to anyone who can read the task", () => {
    for (const type of ["task.created", "task.updated", "task.cancelled"] as const) expect(canSee(ev(type), stranger)).toBe(true);
  });

  it("shows claim, deliverable and review events only to the agent they are about", () => {
    for (const type of [
      "claim.created",
      "claim.rejected",
      "deliverable.submitted",
      "deliverable.revision_requested",
      "review.completed",
    ] as const) {
      expect(canSee(ev(type, { agent_id: 3 }), agent3)).toBe(true);
      expect(canSee(ev(type, { agent_id: 3 }), stranger)).toBe(false);
    }
  });

  it("hides an event that names no agent from everyone but the poster", () => {
    expect(canSee(ev("claim.created"), agent3)).toBe(false);
  });
});
