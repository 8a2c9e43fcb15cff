import { describe, expect, it } from "vitest";
import { dueTimer, nextDueAt, scheduleTimers, timersOf } from "../../src/domain/timers";
import { makeHeldTask, makeTask } from "./fixtures";

const T0 = "2030-01-01T00:00:00.000Z";
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const ms = (seconds: number) => Date.parse(T0) + seconds * 1000;

describe("a task's timers follow from its state", () => {
  it("runs a lease only while the task is assigned", () => {
    const lease = { leaseExpiresAt: at(3600) };
    expect(timersOf(makeHeldTask("claimed", lease))).toEqual([{ kind: "lease", dueAt: ms(3600) }]);
    expect(timersOf(makeHeldTask("in_progress", lease))).toEqual([{ kind: "lease", dueAt: ms(3600) }]);
    for (const status of ["open", "delivered", "completed", "cancelled", "disputed"] as const) {
      expect(timersOf(makeHeldTask(status, lease))).toEqual([]);
    }
  });

  it("runs an auto-accept window only while a delivery awaits", () => {
    const window = { autoAcceptAt: at(60) };
    expect(timersOf(makeHeldTask("delivered", window))).toEqual([{ kind: "auto_accept", dueAt: ms(60) }]);
    expect(timersOf(makeHeldTask("in_progress", window))).toEqual([]);
    expect(timersOf(makeHeldTask("completed", window))).toEqual([]);
  });

  it("watches the deadline of an open task, and of an assigned one until it is flagged late", () => {
    const deadline = { deadline: at(100) };
    expect(timersOf(makeTask(deadline))).toEqual([{ kind: "deadline", dueAt: ms(100) }]);
    expect(timersOf(makeHeldTask("claimed", deadline))).toEqual([{ kind: "deadline", dueAt: ms(100) }]);
    expect(timersOf(makeHeldTask("claimed", { ...deadline, late: true }))).toEqual([]);
    expect(timersOf(makeHeldTask("delivered", deadline))).toEqual([]);
    expect(timersOf(makeHeldTask("completed", deadline))).toEqual([]);
  });

  it("orders timers by due time, and the alarm goes to the earliest", () => {
    const task = makeHeldTask("in_progress", { leaseExpiresAt: at(500), deadline: at(200) });
    expect(timersOf(task).map((t) => t.kind)).toEqual(["deadline", "lease"]);
    expect(nextDueAt(task)).toBe(ms(200));
    expect(nextDueAt(makeTask())).toBeNull();
  });
});

describe("what is due, and what firing it does", () => {
  it("fires nothing before its time, and exactly the earliest timer once due", () => {
    const task = makeHeldTask("claimed", { leaseExpiresAt: at(60), deadline: at(30) });
    expect(dueTimer(task, ms(29))).toBeNull();
    expect(dueTimer(task, ms(30))).toEqual({ kind: "deadline", effect: "flag_late" });
    expect(dueTimer({ ...task, late: true }, ms(60))).toEqual({ kind: "lease", effect: "expire_lease" });
  });

  it("cancels an open task at its deadline, and only flags an assigned one", () => {
    expect(dueTimer(makeTask({ deadline: at(0) }), ms(1))).toEqual({ kind: "deadline", effect: "cancel_for_deadline" });
    expect(dueTimer(makeHeldTask("in_progress", { deadline: at(0) }), ms(1))).toEqual({ kind: "deadline", effect: "flag_late" });
  });

  it("has nothing left to fire once the effect's state is reached: a second firing finds nothing", () => {
    const expired = makeTask({ leaseExpiresAt: null, status: "open" });
    expect(dueTimer(expired, ms(10_000))).toBeNull();
    const flagged = makeHeldTask("claimed", { deadline: at(0), late: true });
    expect(dueTimer(flagged, ms(10_000))).toBeNull();
    const completed = makeHeldTask("completed", { autoAcceptAt: at(0) });
    expect(dueTimer(completed, ms(10_000))).toBeNull();
  });
});

describe("scheduling: the timers a change starts and ends", () => {
  const open = makeTask({ leaseSeconds: 120, autoAcceptSeconds: 600 });

  it("starts a lease of lease_seconds when a claim is accepted, and ends it when the task is no longer assigned", () => {
    const claimed = { ...open, status: "claimed" as const };
    expect(scheduleTimers(open, claimed, {}, T0).leaseExpiresAt).toBe(at(120));
    const held = { ...claimed, leaseExpiresAt: at(120) };
    expect(scheduleTimers(held, { ...held, status: "open" }, {}, T0).leaseExpiresAt).toBeNull();
    expect(scheduleTimers(held, { ...held, status: "cancelled" }, {}, T0).leaseExpiresAt).toBeNull();
  });

  it("keeps the lease across a change within the assignment unless the change renews it", () => {
    const held = { ...open, status: "claimed" as const, leaseExpiresAt: at(120) };
    const started = { ...held, status: "in_progress" as const };
    expect(scheduleTimers(held, started, {}, at(30)).leaseExpiresAt).toBe(at(120));
    expect(scheduleTimers(held, started, { leaseExpiresAt: at(150) }, at(30)).leaseExpiresAt).toBe(at(150));
  });

  it("opens an auto-accept window on delivery, and a fresh lease when the work is sent back", () => {
    const working = { ...open, status: "in_progress" as const, leaseExpiresAt: at(120) };
    const delivered = { ...working, status: "delivered" as const };
    const afterDelivery = scheduleTimers(working, delivered, {}, at(10));
    expect(afterDelivery).toMatchObject({ leaseExpiresAt: null, autoAcceptAt: at(610) });
    const waiting = { ...delivered, ...afterDelivery };
    const sentBack = scheduleTimers(waiting, { ...waiting, status: "in_progress" }, {}, at(100));
    expect(sentBack).toMatchObject({ leaseExpiresAt: at(220), autoAcceptAt: null });
  });

  it("leaves an auto-reviewed delivery's window to the reviewer, and never opens one when the task says never", () => {
    const working = { ...open, status: "in_progress" as const };
    expect(scheduleTimers(working, { ...working, status: "delivered", autoReviewEnabled: true }, {}, T0).autoAcceptAt).toBeNull();
    const never = { ...working, autoAcceptSeconds: null };
    expect(scheduleTimers(never, { ...never, status: "delivered" }, {}, T0).autoAcceptAt).toBeNull();
  });

  it("ends the heartbeat with the assignment", () => {
    const heartbeat = { at: T0, progress: 10, note: null, resources: null, announcedAt: T0 };
    const held = { ...open, status: "in_progress" as const, heartbeat };
    expect(scheduleTimers(held, { ...held, status: "delivered" }, {}, T0).heartbeat).toEqual(heartbeat);
    expect(scheduleTimers(held, { ...held, status: "open" }, {}, T0).heartbeat).toBeNull();
  });
});
