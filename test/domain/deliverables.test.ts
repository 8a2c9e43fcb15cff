import { describe, expect, it } from "vitest";
import { MAX_REVISIONS_DEFAULT, MAX_REVISIONS_LIMIT } from "../../src/domain/constants";
import { type DeliverableDecision, refuseDeliverableDecision, refuseDelivery, submissionsAllowed } from "../../src/domain/deliverables";
import type { Actor } from "../../src/domain/policy";
import { AGENT_ID, DELIVERABLE_ID, expectAppError, makeDeliverable, makeHeldTask, makeTask, OPERATOR_ID, TASK_ID } from "./fixtures";

const agent = (agentId: number): Actor => ({ userId: OPERATOR_ID, agentId });

const DECISIONS: DeliverableDecision[] = ["accept_deliverable", "request_revision", "reject_deliverable"];

describe("submissionsAllowed", () => {
  it("allows max_revisions + 1 submissions for every max_revisions in 0..5", () => {
    for (let maxRevisions = 0; maxRevisions <= MAX_REVISIONS_LIMIT; maxRevisions++) {
      expect(submissionsAllowed({ maxRevisions })).toBe(maxRevisions + 1);
    }
  });

  it("allows 3 submissions under the default of 2 revisions", () => {
    expect(MAX_REVISIONS_DEFAULT).toBe(2);
    expect(submissionsAllowed(makeTask({ maxRevisions: MAX_REVISIONS_DEFAULT }))).toBe(3);
  });
});

describe("refuseDelivery", () => {
  for (const status of ["claimed", "in_progress"] as const) {
    it(`lets the claimed agent deliver on a ${status} task`, () => {
      expect(refuseDelivery(makeHeldTask(status), agent(AGENT_ID), 0)).toBeNull();
    });
  }

  for (const status of ["claimed", "in_progress", "delivered", "completed"] as const) {
    it(`refuses another agent delivering on a ${status} task with NOT_CLAIMED_BY_YOU`, () => {
      expectAppError(refuseDelivery(makeHeldTask(status), agent(AGENT_ID + 1), 0), {
        status: 403,
        code: "NOT_CLAIMED_BY_YOU",
        message: `Task ${TASK_ID} is not claimed by your agent`,
        suggestion: "Only the claimed agent can do this; see your tasks with GET /api/v1/agents/me/tasks",
      });
    });
  }

  it("refuses delivering on an open task, suggesting a claim first", () => {
    expectAppError(refuseDelivery(makeTask({ status: "open" }), agent(AGENT_ID), 0), {
      status: 409,
      code: "INVALID_STATUS",
      message: `Task ${TASK_ID} is not in a deliverable state (status: open)`,
      suggestion: `Claim the task first with POST /api/v1/tasks/${TASK_ID}/claims`,
      details: { current_status: "open", allowed_statuses: ["claimed", "in_progress"] },
    });
  });

  for (const status of ["delivered", "completed", "cancelled", "disputed"] as const) {
    it(`refuses the claimed agent delivering again on a ${status} task with INVALID_STATUS`, () => {
      expectAppError(refuseDelivery(makeHeldTask(status), agent(AGENT_ID), 1), {
        status: 409,
        code: "INVALID_STATUS",
        message: `Task ${TASK_ID} is not in a deliverable state (status: ${status})`,
        suggestion: `Check the task with GET /api/v1/tasks/${TASK_ID}`,
        details: { current_status: status, allowed_statuses: ["claimed", "in_progress"] },
      });
    });
  }

  it("allows the last of max_revisions + 1 submissions and refuses the next with MAX_REVISIONS", () => {
    const task = makeHeldTask("in_progress", { maxRevisions: 2 });
    expect(refuseDelivery(task, agent(AGENT_ID), 2)).toBeNull();
    expectAppError(refuseDelivery(task, agent(AGENT_ID), 3), {
      status: 409,
      code: "MAX_REVISIONS",
      message: "Maximum revisions reached (3 of 3 deliveries)",
      suggestion: "The poster must now accept or reject the last deliverable",
      details: { used: 3, allowed: 3 },
    });
  });

  it("allows exactly one submission when max_revisions is 0", () => {
    const task = makeHeldTask("claimed", { maxRevisions: 0 });
    expect(refuseDelivery(task, agent(AGENT_ID), 0)).toBeNull();
    expectAppError(refuseDelivery(task, agent(AGENT_ID), 1), {
      status: 409,
      code: "MAX_REVISIONS",
      message: "Maximum revisions reached (1 of 1 deliveries)",
      details: { used: 1, allowed: 1 },
    });
  });

  it("checks who holds the task before its status, and its status before the submission count", () => {
    expect(refuseDelivery(makeHeldTask("completed", { maxRevisions: 0 }), agent(AGENT_ID + 1), 5)?.code).toBe("NOT_CLAIMED_BY_YOU");
    expect(refuseDelivery(makeHeldTask("completed", { maxRevisions: 0 }), agent(AGENT_ID), 5)?.code).toBe("INVALID_STATUS");
    expect(refuseDelivery(makeHeldTask("in_progress", { maxRevisions: 0 }), agent(AGENT_ID), 5)?.code).toBe("MAX_REVISIONS");
  });
});

describe("refuseDeliverableDecision", () => {
  const delivered = (maxRevisions = 2) => makeHeldTask("delivered", { maxRevisions });

  for (const decision of DECISIONS) {
    for (const status of ["accepted", "rejected", "revision_requested"] as const) {
      it(`refuses ${decision} on a ${status} deliverable with INVALID_STATUS`, () => {
        expectAppError(refuseDeliverableDecision(delivered(), DELIVERABLE_ID, makeDeliverable({ status }), decision, 3), {
          status: 409,
          code: "INVALID_STATUS",
          message: `Deliverable ${DELIVERABLE_ID} is not awaiting review (current status: ${status})`,
          suggestion: "Only the latest submitted deliverable can be accepted, sent back or rejected",
          details: { current_status: status, allowed_statuses: ["submitted"] },
        });
      });
    }
  }

  const wording: Record<DeliverableDecision, string> = {
    accept_deliverable: "have a deliverable accepted",
    request_revision: "have a revision requested",
    reject_deliverable: "have a deliverable rejected",
  };
  for (const decision of DECISIONS) {
    for (const status of ["open", "claimed", "in_progress", "completed", "cancelled", "disputed"] as const) {
      it(`refuses ${decision} while the task is ${status}, with INVALID_STATUS`, () => {
        expectAppError(refuseDeliverableDecision(makeHeldTask(status), DELIVERABLE_ID, makeDeliverable(), decision, 1), {
          status: 409,
          code: "INVALID_STATUS",
          message: `Task ${TASK_ID} cannot ${wording[decision]} (current status: ${status})`,
          suggestion: `Check the task with GET /api/v1/tasks/${TASK_ID}`,
          details: { current_status: status, allowed_statuses: ["delivered"] },
        });
      });
    }
  }

  it("lets the poster accept whatever the submission count", () => {
    for (let used = 1; used <= 3; used++) {
      expect(refuseDeliverableDecision(delivered(2), DELIVERABLE_ID, makeDeliverable(), "accept_deliverable", used)).toBeNull();
    }
  });

  it("lets the poster request a revision while submissions remain", () => {
    expect(refuseDeliverableDecision(delivered(2), DELIVERABLE_ID, makeDeliverable(), "request_revision", 1)).toBeNull();
    expect(refuseDeliverableDecision(delivered(2), DELIVERABLE_ID, makeDeliverable(), "request_revision", 2)).toBeNull();
  });

  it("refuses a revision once no submission remains, with MAX_REVISIONS and the accept and reject paths", () => {
    expectAppError(refuseDeliverableDecision(delivered(2), DELIVERABLE_ID, makeDeliverable(), "request_revision", 3), {
      status: 409,
      code: "MAX_REVISIONS",
      message: `No revision left on task ${TASK_ID} (3 of 3 deliveries used)`,
      suggestion:
        `Accept with POST /api/v1/tasks/${TASK_ID}/deliverables/${DELIVERABLE_ID}/accept ` +
        `or reject with POST /api/v1/tasks/${TASK_ID}/deliverables/${DELIVERABLE_ID}/reject`,
      details: { used: 3, allowed: 3 },
    });
  });

  it("refuses rejecting for good while two submissions remain, with REVISIONS_REMAINING", () => {
    expectAppError(refuseDeliverableDecision(delivered(2), DELIVERABLE_ID, makeDeliverable(), "reject_deliverable", 1), {
      status: 409,
      code: "REVISIONS_REMAINING",
      message: `Task ${TASK_ID} still allows 2 more deliveries; rejecting for good is only for the final one`,
      suggestion: `Request a revision with POST /api/v1/tasks/${TASK_ID}/deliverables/${DELIVERABLE_ID}/revision`,
      details: { remaining: 2 },
    });
  });

  it("refuses rejecting for good while one submission remains, in the singular", () => {
    expectAppError(refuseDeliverableDecision(delivered(2), DELIVERABLE_ID, makeDeliverable(), "reject_deliverable", 2), {
      status: 409,
      code: "REVISIONS_REMAINING",
      message: `Task ${TASK_ID} still allows 1 more delivery; rejecting for good is only for the final one`,
      details: { remaining: 1 },
    });
  });

  it("lets the poster reject the final submission", () => {
    expect(refuseDeliverableDecision(delivered(2), DELIVERABLE_ID, makeDeliverable(), "reject_deliverable", 3)).toBeNull();
  });

  it("with max_revisions 0, allows accept or reject of the only submission but no revision", () => {
    const task = delivered(0);
    expect(refuseDeliverableDecision(task, DELIVERABLE_ID, makeDeliverable(), "accept_deliverable", 1)).toBeNull();
    expect(refuseDeliverableDecision(task, DELIVERABLE_ID, makeDeliverable(), "reject_deliverable", 1)).toBeNull();
    expect(refuseDeliverableDecision(task, DELIVERABLE_ID, makeDeliverable(), "request_revision", 1)?.code).toBe("MAX_REVISIONS");
  });

  it("offers exactly one of revision and reject at every submission count", () => {
    for (let maxRevisions = 0; maxRevisions <= MAX_REVISIONS_LIMIT; maxRevisions++) {
      for (let used = 1; used <= maxRevisions + 1; used++) {
        const revision = refuseDeliverableDecision(delivered(maxRevisions), DELIVERABLE_ID, makeDeliverable(), "request_revision", used);
        const reject = refuseDeliverableDecision(delivered(maxRevisions), DELIVERABLE_ID, makeDeliverable(), "reject_deliverable", used);
        expect([revision === null, reject === null]).toEqual(used < maxRevisions + 1 ? [true, false] : [false, true]);
      }
    }
  });

  it("checks the task's state before the deliverable's, as other TaskHive servers do", () => {
    const refusal = refuseDeliverableDecision(
      makeHeldTask("completed"),
      DELIVERABLE_ID,
      makeDeliverable({ status: "accepted" }),
      "accept_deliverable",
      1,
    );
    expect(refusal?.code).toBe("INVALID_STATUS");
    expect(refusal?.message).toBe(`Task ${TASK_ID} cannot have a deliverable accepted (current status: completed)`);
  });

  for (const decision of DECISIONS) {
    it(`answers ${decision} on a task that is not delivered with INVALID_STATUS before looking the deliverable up`, () => {
      for (const status of ["open", "claimed", "in_progress", "completed", "cancelled", "disputed"] as const) {
        expect(refuseDeliverableDecision(makeHeldTask(status), 999, null, decision, 1)?.code).toBe("INVALID_STATUS");
      }
    });

    it(`answers ${decision} on a delivered task naming an unknown deliverable with DELIVERABLE_NOT_FOUND`, () => {
      expectAppError(refuseDeliverableDecision(delivered(), 999, null, decision, 1), {
        status: 404,
        code: "DELIVERABLE_NOT_FOUND",
        message: `Deliverable 999 does not exist on task ${TASK_ID}`,
        suggestion: `List the task's deliverables with GET /api/v1/tasks/${TASK_ID}/deliverables`,
      });
    });
  }
});
