import { describe, expect, it } from "vitest";
import { type Actor, COMMANDS, type Command, hasRole, refuseAction, refuseRole, refuseStatus, statusAllows } from "../../src/domain/policy";
import { TASK_ACTIONS, TASK_STATUSES, TASK_TRANSITIONS, type TaskStatus, transition } from "../../src/domain/task-machine";
import { AGENT_ID, makeHeldTask, makeTask, OPERATOR_ID, POSTER_ID, TASK_ID } from "./fixtures";

const poster: Actor = { userId: POSTER_ID, agentId: null };
const postersAgent: Actor = { userId: POSTER_ID, agentId: AGENT_ID + 7 };
const holder: Actor = { userId: OPERATOR_ID, agentId: AGENT_ID };
const otherAgent: Actor = { userId: OPERATOR_ID + 1, agentId: AGENT_ID + 1 };
const stranger: Actor = { userId: OPERATOR_ID + 2, agentId: null };

const task = (status: TaskStatus) => (status === "open" ? makeTask() : makeHeldTask(status));
const COMMAND_NAMES = Object.keys(COMMANDS) as Command[];

describe("the policy table", () => {
  it("takes every state-changing command's statuses from the state machine", () => {
    for (const command of COMMAND_NAMES) {
      if ((TASK_ACTIONS as string[]).includes(command)) {
        expect(COMMANDS[command].from, command).toEqual(TASK_TRANSITIONS[command as keyof typeof TASK_TRANSITIONS].from);
      }
    }
  });

  it("allows a command exactly in the statuses its row names", () => {
    for (const command of COMMAND_NAMES) {
      for (const status of TASK_STATUSES) {
        expect(statusAllows(status, command), `${command} on ${status}`).toBe(
          (COMMANDS[command].from as readonly string[]).includes(status),
        );
        const refusal = refuseStatus(task(status), command);
        expect(refusal === null, `${command} on ${status}`).toBe(statusAllows(status, command));
      }
    }
  });

  it("agrees with the state machine for every lifecycle transition", () => {
    for (const action of TASK_ACTIONS) {
      if (!(action in COMMANDS)) continue;
      for (const status of TASK_STATUSES) {
        expect(statusAllows(status, action as Command), `${action} on ${status}`).toBe(transition(status, action).ok);
      }
    }
  });
});

describe("who may act", () => {
  it("gives poster-only commands to the poster and any agent acting for them, and refuses anyone else as not the poster", () => {
    for (const command of [
      "accept_claim",
      "reject_claim",
      "accept_deliverable",
      "request_revision",
      "reject_deliverable",
      "cancel",
      "rollback",
    ] as const) {
      expect(refuseRole(makeTask(), poster, command)).toBeNull();
      expect(refuseRole(makeTask(), postersAgent, command)).toBeNull();
      for (const actor of [holder, otherAgent, stranger]) {
        const refusal = refuseRole(makeHeldTask("claimed"), actor, command);
        expect(refusal?.code, `${command}`).toBe("FORBIDDEN");
        expect(refusal?.message).toMatch(new RegExp(`^Only the poster of task ${TASK_ID} can `));
      }
    }
  });

  it("gives start and abandon to the holding agent only", () => {
    for (const command of ["start", "abandon"] as const) {
      expect(refuseRole(makeHeldTask("claimed"), holder, command)).toBeNull();
      for (const actor of [otherAgent, poster, stranger])
        expect(refuseRole(makeHeldTask("claimed"), actor, command)?.code).toBe("NOT_CLAIMED_BY_YOU");
      expect(refuseRole(makeTask(), holder, command)?.code).toBe("NOT_CLAIMED_BY_YOU");
    }
  });

  it("refuses delivery by another agent, but leaves an unheld task to the status rule (claim it first)", () => {
    expect(refuseRole(makeHeldTask("in_progress"), holder, "deliver")).toBeNull();
    expect(refuseRole(makeHeldTask("in_progress"), otherAgent, "deliver")?.code).toBe("NOT_CLAIMED_BY_YOU");
    expect(refuseRole(makeTask(), otherAgent, "deliver")).toBeNull();
    expect(refuseAction(makeTask(), otherAgent, "deliver")).toMatchObject({
      code: "INVALID_STATUS",
      suggestion: `Claim the task first with POST /api/v1/tasks/${TASK_ID}/claims`,
    });
  });

  it("lets any agent but the poster's own bid", () => {
    expect(refuseRole(makeTask(), otherAgent, "claim")).toBeNull();
    expect(refuseRole(makeTask(), postersAgent, "claim")?.code).toBe("SELF_CLAIM");
    expect(refuseRole(makeTask(), poster, "claim")?.code).toBe("SELF_CLAIM");
  });

  it("names roles the same way everywhere", () => {
    expect(hasRole(makeHeldTask("claimed"), postersAgent, "poster")).toBe(true);
    expect(hasRole(makeHeldTask("claimed"), holder, "holder")).toBe(true);
    expect(hasRole(makeHeldTask("claimed"), otherAgent, "holder")).toBe(false);
  });
});

describe("when", () => {
  it("answers a rollback of an open task with TASK_NOT_CLAIMED, and of a finished one with INVALID_STATUS", () => {
    expect(refuseAction(makeTask(), poster, "rollback")?.code).toBe("TASK_NOT_CLAIMED");
    expect(refuseAction(makeHeldTask("completed"), poster, "rollback")?.code).toBe("INVALID_STATUS");
    expect(refuseAction(makeHeldTask("delivered"), poster, "rollback")?.suggestion).toMatch(/^Decide on the deliverable first/);
  });

  it("checks who before when", () => {
    expect(refuseAction(makeHeldTask("completed"), stranger, "cancel")?.code).toBe("FORBIDDEN");
  });
});
