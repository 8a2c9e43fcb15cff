import { describe, expect, it } from "vitest";
import { type NextAction, nextActions, type TaskProgress, type TaskViewer } from "../../src/domain/next-actions";
import { TASK_ACTIONS, TASK_STATUSES, type TaskAction, type TaskStatus, transition } from "../../src/domain/task-machine";
import { AGENT_ID, CLAIM_ID, DELIVERABLE_ID, makeHeldTask, makeTask, TASK_ID } from "./fixtures";

const base = `/api/v1/tasks/${TASK_ID}`;
const PENDING_CLAIM_ID = CLAIM_ID + 5;

const poster: TaskViewer = { isPoster: true, agentId: null, pendingClaimId: null };
const agent: TaskViewer = { isPoster: false, agentId: AGENT_ID, pendingClaimId: null };
const otherAgent: TaskViewer = { isPoster: false, agentId: AGENT_ID + 1, pendingClaimId: null };
const bystander: TaskViewer = { isPoster: false, agentId: null, pendingClaimId: null };

const noProgress: TaskProgress = { latestDeliverable: null, submissionsUsed: 0 };
const submitted = (used: number): TaskProgress => ({
  latestDeliverable: { id: DELIVERABLE_ID, status: "submitted" },
  submissionsUsed: used,
});

const summary = (actions: NextAction[]) => actions.map((a) => `${a.method} ${a.path} ${a.action}`);

describe("nextActions for the poster", () => {
  it("offers reviewing bids, accepting one and cancelling on an open task", () => {
    expect(summary(nextActions(makeTask(), poster, noProgress))).toEqual([
      `GET ${base}/claims list_claims`,
      `POST ${base}/claims/{claim_id}/accept accept_claim`,
      `POST ${base}/cancel cancel`,
    ]);
  });

  for (const status of ["claimed", "in_progress"] as const) {
    it(`offers waiting, rolling back and cancelling on a ${status} task`, () => {
      expect(summary(nextActions(makeHeldTask(status), poster, noProgress))).toEqual([
        `GET ${base} wait_for_delivery`,
        `POST ${base}/rollback rollback`,
        `POST ${base}/cancel cancel`,
      ]);
    });
  }

  it("offers accept or a revision, with example notes, while submissions remain", () => {
    const actions = nextActions(makeHeldTask("delivered", { maxRevisions: 2 }), poster, submitted(2));
    expect(summary(actions)).toEqual([
      `POST ${base}/deliverables/${DELIVERABLE_ID}/accept accept_deliverable`,
      `POST ${base}/deliverables/${DELIVERABLE_ID}/revision request_revision`,
    ]);
    expect(actions[1]?.body).toEqual({ revision_notes: "What to change" });
  });

  it("offers accept or a final rejection, with an example reason, once no submission remains", () => {
    const actions = nextActions(makeHeldTask("delivered", { maxRevisions: 2 }), poster, submitted(3));
    expect(summary(actions)).toEqual([
      `POST ${base}/deliverables/${DELIVERABLE_ID}/accept accept_deliverable`,
      `POST ${base}/deliverables/${DELIVERABLE_ID}/reject reject_deliverable`,
    ]);
    expect(actions[1]?.body).toEqual({ reason: "Why it falls short" });
  });

  it("offers a final rejection at once when max_revisions is 0", () => {
    const actions = nextActions(makeHeldTask("delivered", { maxRevisions: 0 }), poster, submitted(1));
    expect(actions.map((a) => a.action)).toEqual(["accept_deliverable", "reject_deliverable"]);
  });

  it("offers nothing on a delivered task whose latest deliverable is not awaiting review", () => {
    const task = makeHeldTask("delivered");
    expect(nextActions(task, poster, noProgress)).toEqual([]);
    for (const status of ["accepted", "rejected", "revision_requested"] as const) {
      expect(nextActions(task, poster, { latestDeliverable: { id: DELIVERABLE_ID, status }, submissionsUsed: 1 })).toEqual([]);
    }
  });

  for (const status of ["completed", "cancelled", "disputed"] as const) {
    it(`offers nothing on a ${status} task`, () => {
      expect(nextActions(makeHeldTask(status), poster, submitted(1))).toEqual([]);
    });
  }

  it("shows the poster's view to an agent acting for the poster, never a bid on its own operator's task", () => {
    const posterAgent: TaskViewer = { isPoster: true, agentId: AGENT_ID, pendingClaimId: null };
    const actions = nextActions(makeTask(), posterAgent, noProgress);
    expect(actions.map((a) => a.action)).toEqual(["list_claims", "accept_claim", "cancel"]);
  });
});

describe("nextActions for an agent", () => {
  it("offers a bid at the full budget on an open task", () => {
    const actions = nextActions(makeTask({ budgetCredits: 350 }), agent, noProgress);
    expect(summary(actions)).toEqual([`POST ${base}/claims claim`]);
    expect(actions[0]?.body).toEqual({ proposed_credits: 350, message: "Why you are a good fit" });
  });

  it("offers only withdrawing its pending bid on an open task it has bid on", () => {
    const actions = nextActions(makeTask(), { ...agent, pendingClaimId: PENDING_CLAIM_ID }, noProgress);
    expect(summary(actions)).toEqual([`POST ${base}/claims/${PENDING_CLAIM_ID}/withdraw withdraw_claim`]);
    expect(actions[0]?.body).toBeUndefined();
  });

  it("offers start, heartbeat, a subtask, deliver and abandon on a claimed task it holds", () => {
    const actions = nextActions(makeHeldTask("claimed"), agent, noProgress);
    expect(summary(actions)).toEqual([
      `POST ${base}/start start`,
      `POST ${base}/heartbeat heartbeat`,
      `POST ${base}/subtasks post_subtask`,
      `POST ${base}/deliverables deliver`,
      `POST ${base}/claims/${CLAIM_ID}/withdraw abandon`,
    ]);
    expect(actions[3]?.body).toEqual({ content: "Your deliverable" });
  });

  it("offers heartbeat, a subtask, deliver and abandon on an in-progress task it holds", () => {
    expect(summary(nextActions(makeHeldTask("in_progress"), agent, submitted(1)))).toEqual([
      `POST ${base}/heartbeat heartbeat`,
      `POST ${base}/subtasks post_subtask`,
      `POST ${base}/deliverables deliver`,
      `POST ${base}/claims/${CLAIM_ID}/withdraw abandon`,
    ]);
  });

  it("offers only waiting for review on a delivered task it holds, whether or not submissions remain", () => {
    for (const used of [1, 3]) {
      expect(summary(nextActions(makeHeldTask("delivered", { maxRevisions: 2 }), agent, submitted(used)))).toEqual([
        `GET ${base} wait_for_review`,
      ]);
    }
  });

  for (const status of ["completed", "cancelled", "disputed"] as const) {
    it(`offers nothing on a ${status} task it held`, () => {
      expect(nextActions(makeHeldTask(status), agent, submitted(1))).toEqual([]);
    });
  }

  for (const status of ["claimed", "in_progress", "delivered", "completed"] as const) {
    it(`offers nothing on a ${status} task another agent holds`, () => {
      expect(nextActions(makeHeldTask(status), otherAgent, submitted(1))).toEqual([]);
    });
  }

  it("offers nothing when the task names it as holder but has no accepted claim", () => {
    expect(nextActions(makeHeldTask("in_progress", { acceptedClaimId: null }), agent, noProgress)).toEqual([]);
  });
});

describe("nextActions for a signed-in person who did not post the task", () => {
  for (const status of TASK_STATUSES) {
    it(`offers nothing on a ${status} task`, () => {
      const task = status === "open" ? makeTask() : makeHeldTask(status);
      expect(nextActions(task, bystander, submitted(1))).toEqual([]);
    });
  }
});

describe("nextActions and the lifecycle agree", () => {
  const viewers: [string, TaskViewer][] = [
    ["poster", poster],
    ["agent", agent],
    ["agent with a pending bid", { ...agent, pendingClaimId: PENDING_CLAIM_ID }],
  ];
  const progresses = [noProgress, submitted(1), submitted(3)];

  it("never offers a lifecycle action the task's status does not allow", () => {
    for (const status of TASK_STATUSES) {
      const task = status === "open" ? makeTask() : makeHeldTask(status);
      for (const [, viewer] of viewers) {
        for (const progress of progresses) {
          for (const action of nextActions(task, viewer, progress)) {
            if ((TASK_ACTIONS as string[]).includes(action.action)) {
              expect(transition(status as TaskStatus, action.action as TaskAction).ok, `${action.action} on ${status}`).toBe(true);
            }
          }
        }
      }
    }
  });

  it("gives every action a concrete path under the task and a description", () => {
    for (const status of TASK_STATUSES) {
      const task = status === "open" ? makeTask() : makeHeldTask(status);
      for (const [, viewer] of viewers) {
        for (const progress of progresses) {
          for (const action of nextActions(task, viewer, progress)) {
            expect(action.path.startsWith(base)).toBe(true);
            expect(["GET", "POST"]).toContain(action.method);
            expect(action.description.length).toBeGreaterThan(0);
            if (action.method === "GET") expect(action.body).toBeUndefined();
          }
        }
      }
    }
  });
});
