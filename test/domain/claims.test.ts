import { describe, expect, it } from "vitest";
import { type Claimant, planWithdrawal, refuseClaimDecision, refuseNewClaim } from "../../src/domain/claims";
import { MAX_CLAIMS_PER_TASK } from "../../src/domain/constants";
import type { ClaimStatus } from "../../src/domain/task";
import { TASK_STATUSES } from "../../src/domain/task-machine";
import { AGENT_ID, CLAIM_ID, expectAppError, makeClaim, makeHeldTask, makeTask, OPERATOR_ID, POSTER_ID, TASK_ID } from "./fixtures";

const claimant: Claimant = { agentId: AGENT_ID, operatorId: OPERATOR_ID };
const NOT_OPEN = TASK_STATUSES.filter((s) => s !== "open");

describe("refuseNewClaim", () => {
  it("accepts a bid on an open task from another operator's agent", () => {
    expect(refuseNewClaim(makeTask(), claimant, 150, null)).toBeNull();
  });

  it("accepts proposed credits equal to the budget, and as low as 1", () => {
    expect(refuseNewClaim(makeTask({ budgetCredits: 200 }), claimant, 200, null)).toBeNull();
    expect(refuseNewClaim(makeTask({ budgetCredits: 200 }), claimant, 1, null)).toBeNull();
  });

  for (const status of NOT_OPEN) {
    it(`refuses a bid on a ${status} task with TASK_NOT_OPEN`, () => {
      expectAppError(refuseNewClaim(makeTask({ status }), claimant, 150, null), {
        status: 409,
        code: "TASK_NOT_OPEN",
        message: `Task ${TASK_ID} is not open (current status: ${status})`,
        suggestion: "Browse open tasks with GET /api/v1/tasks?status=open",
        details: { current_status: status },
      });
    });
  }

  it("refuses an agent bidding on a task its own operator posted with SELF_CLAIM", () => {
    const ownAgent: Claimant = { agentId: AGENT_ID, operatorId: POSTER_ID };
    expectAppError(refuseNewClaim(makeTask(), ownAgent, 150, null), {
      status: 409,
      code: "SELF_CLAIM",
      message: `Task ${TASK_ID} was posted by your own operator; an agent cannot claim its operator's task`,
      suggestion: "Browse tasks from other posters with GET /api/v1/tasks",
    });
  });

  it("refuses a second pending bid by the same agent with DUPLICATE_CLAIM, naming the existing claim", () => {
    expectAppError(refuseNewClaim(makeTask(), claimant, 150, CLAIM_ID), {
      status: 409,
      code: "DUPLICATE_CLAIM",
      message: `You already have a pending claim on task ${TASK_ID}`,
      suggestion: "Check your claims with GET /api/v1/agents/me/claims",
      details: { claim_id: CLAIM_ID },
    });
  });

  it("refuses proposed credits one above the budget with INVALID_CREDITS", () => {
    expectAppError(refuseNewClaim(makeTask({ budgetCredits: 200 }), claimant, 201, null), {
      status: 422,
      code: "INVALID_CREDITS",
      message: "proposed_credits (201) exceeds task budget (200)",
      suggestion: "Propose credits ≤ 200",
      details: { field: "proposed_credits", max: 200 },
    });
  });

  it("refuses a bid once the task has received the maximum number of claims", () => {
    expectAppError(refuseNewClaim(makeTask({ claimsCount: MAX_CLAIMS_PER_TASK }), claimant, 150, null), {
      status: 409,
      code: "CLAIM_LIMIT_REACHED",
      message: `Task ${TASK_ID} has received its maximum of 10000 claims`,
      suggestion: "Browse other open tasks with GET /api/v1/tasks",
    });
    expect(MAX_CLAIMS_PER_TASK).toBe(10_000);
  });

  it("still accepts the last claim below the limit", () => {
    expect(refuseNewClaim(makeTask({ claimsCount: MAX_CLAIMS_PER_TASK - 1 }), claimant, 150, null)).toBeNull();
  });

  it("checks not-open, then self-claim, then duplicate, then budget, then the claim limit", () => {
    // Start with a bid that breaks every rule, then repair one rule at a time.
    let task = makeTask({ status: "claimed", budgetCredits: 100, claimsCount: MAX_CLAIMS_PER_TASK });
    let who: Claimant = { agentId: AGENT_ID, operatorId: POSTER_ID };
    let pending: number | null = CLAIM_ID;
    let credits = 101;
    const codes: (string | null)[] = [];
    const ask = () => codes.push(refuseNewClaim(task, who, credits, pending)?.code ?? null);

    ask();
    task = { ...task, status: "open" };
    ask();
    who = claimant;
    ask();
    pending = null;
    ask();
    credits = 100;
    ask();
    task = { ...task, claimsCount: 0 };
    ask();

    expect(codes).toEqual(["TASK_NOT_OPEN", "SELF_CLAIM", "DUPLICATE_CLAIM", "INVALID_CREDITS", "CLAIM_LIMIT_REACHED", null]);
  });
});

describe("refuseClaimDecision", () => {
  it("lets the poster decide on a pending claim of an open task", () => {
    expect(refuseClaimDecision(makeTask(), makeClaim(), "accept_claim")).toBeNull();
    expect(refuseClaimDecision(makeTask(), makeClaim(), "reject_claim")).toBeNull();
  });

  for (const status of NOT_OPEN) {
    it(`refuses a decision once the task is ${status}, with TASK_NOT_OPEN`, () => {
      expectAppError(refuseClaimDecision(makeTask({ status }), makeClaim(), "accept_claim"), {
        status: 409,
        code: "TASK_NOT_OPEN",
        message: `Task ${TASK_ID} is not open (current status: ${status})`,
        details: { current_status: status },
      });
    });
  }

  for (const status of ["accepted", "rejected", "withdrawn"] as const) {
    it(`refuses a decision on a ${status} claim with INVALID_STATUS`, () => {
      expectAppError(refuseClaimDecision(makeTask(), makeClaim({ status }), "accept_claim"), {
        status: 409,
        code: "INVALID_STATUS",
        message: `Claim ${CLAIM_ID} is not pending (current status: ${status})`,
        suggestion: "See the claim's status with GET /api/v1/agents/me/claims or GET /api/v1/tasks/<task_id>/claims",
        details: { current_status: status, allowed_statuses: ["pending"] },
      });
    });
  }

  it("reports the task's status before the claim's when both are wrong", () => {
    const refusal = refuseClaimDecision(makeTask({ status: "cancelled" }), makeClaim({ status: "rejected" }), "accept_claim");
    expect(refusal?.code).toBe("TASK_NOT_OPEN");
  });
});

describe("planWithdrawal", () => {
  it("withdraws the agent's own pending bid", () => {
    expect(planWithdrawal(makeTask(), makeClaim({ status: "pending" }), AGENT_ID)).toEqual({ kind: "withdraw" });
  });

  for (const status of ["claimed", "in_progress"] as const) {
    it(`abandons the accepted claim of a ${status} task, which reopens it`, () => {
      const plan = planWithdrawal(makeHeldTask(status), makeClaim({ status: "accepted" }), AGENT_ID);
      expect(plan).toEqual({ kind: "abandon" });
    });
  }

  it("refuses to abandon a delivered task, pointing the agent at the poster's pending decision", () => {
    expectAppError(planWithdrawal(makeHeldTask("delivered"), makeClaim({ status: "accepted" }), AGENT_ID), {
      status: 409,
      code: "INVALID_STATUS",
      message: `Task ${TASK_ID} cannot be abandoned (current status: delivered)`,
      suggestion: `Your deliverable awaits the poster's decision; follow it with GET /api/v1/tasks/${TASK_ID}`,
      details: { current_status: "delivered", allowed_statuses: ["claimed", "in_progress"] },
    });
  });

  for (const status of ["completed", "cancelled", "disputed"] as const) {
    it(`refuses to abandon a ${status} task with INVALID_STATUS`, () => {
      expectAppError(planWithdrawal(makeHeldTask(status), makeClaim({ status: "accepted" }), AGENT_ID), {
        status: 409,
        code: "INVALID_STATUS",
        message: `Task ${TASK_ID} cannot be abandoned (current status: ${status})`,
        details: { current_status: status, allowed_statuses: ["claimed", "in_progress"] },
      });
    });
  }

  for (const status of ["pending", "accepted", "rejected", "withdrawn"] as const satisfies readonly ClaimStatus[]) {
    it(`forbids withdrawing another agent's ${status} claim`, () => {
      const task = status === "accepted" ? makeHeldTask("claimed") : makeTask();
      expectAppError(planWithdrawal(task, makeClaim({ status }), AGENT_ID + 1), {
        status: 403,
        code: "FORBIDDEN",
        message: `Claim ${CLAIM_ID} belongs to another agent`,
        suggestion: "List your own claims with GET /api/v1/agents/me/claims",
      });
    });
  }

  for (const status of ["rejected", "withdrawn"] as const) {
    it(`refuses to withdraw a ${status} claim with INVALID_STATUS`, () => {
      expectAppError(planWithdrawal(makeTask(), makeClaim({ status }), AGENT_ID), {
        status: 409,
        code: "INVALID_STATUS",
        message: `Claim ${CLAIM_ID} is not pending (current status: ${status})`,
        details: { current_status: status, allowed_statuses: ["pending"] },
      });
    });
  }

  it("does not abandon a task through an accepted claim the task no longer holds", () => {
    const task = makeHeldTask("in_progress", { acceptedClaimId: CLAIM_ID + 1, claimedByAgentId: AGENT_ID + 1 });
    expectAppError(planWithdrawal(task, makeClaim({ status: "accepted" }), AGENT_ID), {
      status: 409,
      code: "INVALID_STATUS",
      message: `Claim ${CLAIM_ID} is not pending (current status: accepted)`,
    });
  });
});
