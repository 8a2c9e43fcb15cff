import { describe, expect, it } from "vitest";
import {
  BROWSABLE_STATUSES,
  TASK_ACTIONS,
  TASK_STATUSES,
  type TaskAction,
  type TaskStatus,
  TERMINAL_STATUSES,
  transition,
} from "../../src/domain/task-machine";

// The lifecycle table of the product spec, written out by hand: for every status and action,
// the status the action leads to, or null when the action is refused from that status.
const EXPECTED: Record<TaskStatus, Record<TaskAction, TaskStatus | null>> = {
  open: {
    accept_claim: "claimed",
    cancel: "cancelled",
    start: null,
    deliver: null,
    accept_deliverable: null,
    request_revision: null,
    reject_deliverable: null,
    rollback: null,
    abandon: null,
  },
  claimed: {
    accept_claim: null,
    cancel: "cancelled",
    start: "in_progress",
    deliver: "delivered",
    accept_deliverable: null,
    request_revision: null,
    reject_deliverable: null,
    rollback: "open",
    abandon: "open",
  },
  in_progress: {
    accept_claim: null,
    cancel: "cancelled",
    start: "in_progress",
    deliver: "delivered",
    accept_deliverable: null,
    request_revision: null,
    reject_deliverable: null,
    rollback: "open",
    abandon: "open",
  },
  delivered: {
    accept_claim: null,
    cancel: null,
    start: null,
    deliver: null,
    accept_deliverable: "completed",
    request_revision: "in_progress",
    reject_deliverable: "disputed",
    rollback: null,
    abandon: null,
  },
  completed: {
    accept_claim: null,
    cancel: null,
    start: null,
    deliver: null,
    accept_deliverable: null,
    request_revision: null,
    reject_deliverable: null,
    rollback: null,
    abandon: null,
  },
  cancelled: {
    accept_claim: null,
    cancel: null,
    start: null,
    deliver: null,
    accept_deliverable: null,
    request_revision: null,
    reject_deliverable: null,
    rollback: null,
    abandon: null,
  },
  disputed: {
    accept_claim: null,
    cancel: null,
    start: null,
    deliver: null,
    accept_deliverable: null,
    request_revision: null,
    reject_deliverable: null,
    rollback: null,
    abandon: null,
  },
};

// The statuses each action may run from, also by hand from the spec, in lifecycle order.
const EXPECTED_ALLOWED_FROM: Record<TaskAction, readonly TaskStatus[]> = {
  accept_claim: ["open"],
  cancel: ["open", "claimed", "in_progress"],
  start: ["claimed", "in_progress"],
  deliver: ["claimed", "in_progress"],
  accept_deliverable: ["delivered"],
  request_revision: ["delivered"],
  reject_deliverable: ["delivered"],
  rollback: ["claimed", "in_progress"],
  abandon: ["claimed", "in_progress"],
};

const SPEC_STATUSES = ["open", "claimed", "in_progress", "delivered", "completed", "cancelled", "disputed"];
const SPEC_ACTIONS = [
  "accept_claim",
  "cancel",
  "start",
  "deliver",
  "accept_deliverable",
  "request_revision",
  "reject_deliverable",
  "rollback",
  "abandon",
];

const sorted = (xs: readonly string[]) => [...xs].sort();

describe("the task lifecycle's vocabulary", () => {
  it("has exactly the seven statuses of the spec", () => {
    expect(sorted(TASK_STATUSES)).toEqual(sorted(SPEC_STATUSES));
  });

  it("has exactly the nine actions the expected table covers", () => {
    expect(sorted(TASK_ACTIONS)).toEqual(sorted(SPEC_ACTIONS));
  });

  it("treats completed, cancelled and disputed as terminal", () => {
    expect(sorted(TERMINAL_STATUSES)).toEqual(["cancelled", "completed", "disputed"]);
  });

  it("lets a browse filter on every status except cancelled and disputed", () => {
    expect(sorted(BROWSABLE_STATUSES)).toEqual(["claimed", "completed", "delivered", "in_progress", "open"]);
  });
});

describe("transition: every (status, action) pair", () => {
  for (const status of TASK_STATUSES) {
    for (const action of TASK_ACTIONS) {
      const to = EXPECTED[status][action];
      if (to !== null) {
        it(`${action} moves a ${status} task to ${to}`, () => {
          expect(transition(status, action)).toEqual({ ok: true, from: status, to });
        });
      } else {
        it(`${action} is refused on a ${status} task, naming the statuses it is allowed from`, () => {
          const result = transition(status, action);
          expect(result.ok).toBe(false);
          expect(result.from).toBe(status);
          if (result.ok) return;
          expect(result.allowedFrom).toEqual(EXPECTED_ALLOWED_FROM[action]);
          expect(result.allowedFrom).not.toContain(status);
          expect(result).not.toHaveProperty("to");
        });
      }
    }
  }
});

describe("transition: properties of the whole table", () => {
  it("allows exactly 15 of the 63 (status, action) pairs", () => {
    let allowed = 0;
    for (const status of TASK_STATUSES) {
      for (const action of TASK_ACTIONS) if (transition(status, action).ok) allowed++;
    }
    expect(TASK_STATUSES.length * TASK_ACTIONS.length).toBe(63);
    expect(allowed).toBe(15);
  });

  it("names, on refusal, exactly the statuses the expected table allows the action from", () => {
    for (const action of TASK_ACTIONS) {
      const fromTable = TASK_STATUSES.filter((s) => EXPECTED[s][action] !== null);
      expect(sorted(fromTable)).toEqual(sorted(EXPECTED_ALLOWED_FROM[action]));
      const refusedFrom = TASK_STATUSES.find((s) => EXPECTED[s][action] === null);
      expect(refusedFrom).toBeDefined();
      const result = transition(refusedFrom!, action);
      expect(result.ok ? [] : sorted(result.allowedFrom)).toEqual(sorted(fromTable));
    }
  });

  it("lets nothing happen to a task in a terminal status", () => {
    for (const status of TERMINAL_STATUSES) {
      for (const action of TASK_ACTIONS) expect(transition(status, action).ok).toBe(false);
    }
  });

  it("gives every non-terminal status a way forward", () => {
    for (const status of TASK_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s))) {
      expect(TASK_ACTIONS.some((action) => transition(status, action).ok)).toBe(true);
    }
  });

  it("makes start idempotent on a task already in progress", () => {
    expect(transition("in_progress", "start")).toEqual({ ok: true, from: "in_progress", to: "in_progress" });
  });

  it("allows delivering straight from claimed, without a start", () => {
    expect(transition("claimed", "deliver")).toEqual({ ok: true, from: "claimed", to: "delivered" });
  });

  it("reaches every status from open", () => {
    const reached = new Set<TaskStatus>(["open"]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const status of [...reached]) {
        for (const action of TASK_ACTIONS) {
          const result = transition(status, action);
          if (result.ok && !reached.has(result.to)) {
            reached.add(result.to);
            grew = true;
          }
        }
      }
    }
    expect(sorted([...reached])).toEqual(sorted(SPEC_STATUSES));
  });
});
