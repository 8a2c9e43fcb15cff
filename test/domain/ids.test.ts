import { describe, expect, it } from "vitest";
import { MAX_CLAIMS_PER_TASK } from "../../src/domain/constants";
import { CHILD_ID_FACTOR, childId, MAX_TASK_ID, taskIdOf } from "../../src/domain/ids";

describe("childId", () => {
  it("is task id × 1,000,000 + ordinal", () => {
    expect(CHILD_ID_FACTOR).toBe(1_000_000);
    expect(childId(42, 1)).toBe(42_000_001);
    expect(childId(42, 17)).toBe(42_000_017);
    expect(childId(1, 999_999)).toBe(1_999_999);
  });

  it("round-trips through taskIdOf for first, middle and last ordinals and small and large task ids", () => {
    for (const taskId of [1, 2, 42, 999, 1_000_000, 123_456_789, MAX_TASK_ID]) {
      for (const ordinal of [1, 2, 500_000, 999_998, 999_999]) {
        const id = childId(taskId, ordinal);
        expect(taskIdOf(id), `${taskId}/${ordinal}`).toBe(taskId);
        expect(id % CHILD_ID_FACTOR).toBe(ordinal);
      }
    }
  });

  it("yields positive safe integers up to the largest task id", () => {
    const largest = childId(MAX_TASK_ID, CHILD_ID_FACTOR - 1);
    expect(Number.isSafeInteger(largest)).toBe(true);
    expect(largest).toBeGreaterThan(0);
    expect(taskIdOf(largest)).toBe(MAX_TASK_ID);
  });

  it("sets MAX_TASK_ID to the largest task id whose children all fit in a safe integer", () => {
    expect(Number.isSafeInteger(MAX_TASK_ID * CHILD_ID_FACTOR + CHILD_ID_FACTOR - 1)).toBe(true);
    expect(Number.isSafeInteger((MAX_TASK_ID + 1) * CHILD_ID_FACTOR + CHILD_ID_FACTOR - 1)).toBe(false);
  });

  it("never gives two children of different tasks the same id", () => {
    expect(childId(1, CHILD_ID_FACTOR - 1)).toBeLessThan(childId(2, 1));
    const seen = new Set<number>();
    for (const taskId of [1, 2, 3, 10, 11]) {
      for (const ordinal of [1, 2, 999_999]) seen.add(childId(taskId, ordinal));
    }
    expect(seen.size).toBe(15);
  });

  it("increases with the ordinal, so children sort in creation order", () => {
    for (let ordinal = 1; ordinal < 50; ordinal++) expect(childId(7, ordinal + 1)).toBeGreaterThan(childId(7, ordinal));
  });

  it("has room for every claim a task may receive", () => {
    expect(MAX_CLAIMS_PER_TASK).toBeLessThan(CHILD_ID_FACTOR);
    expect(taskIdOf(childId(42, MAX_CLAIMS_PER_TASK))).toBe(42);
  });

  it("refuses ordinals outside 1..999999 with a RangeError", () => {
    for (const ordinal of [0, -1, 1_000_000, 1_000_001, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => childId(42, ordinal), String(ordinal)).toThrow(RangeError);
      expect(() => childId(42, ordinal), String(ordinal)).toThrow(`child ordinal ${ordinal} is outside 1..999999`);
    }
  });

  it("refuses task ids outside 1..MAX_TASK_ID, whose children would not be positive safe integers naming their task", () => {
    // Without this guard, childId(MAX_TASK_ID + 1, 999_999) is 9007199255000000 (rounded, unsafe),
    // and taskIdOf of it is MAX_TASK_ID + 2; childId(0, 5) is 5, a child of no task.
    for (const taskId of [0, -1, 1.5, MAX_TASK_ID + 1, Number.NaN]) {
      expect(() => childId(taskId, CHILD_ID_FACTOR - 1), String(taskId)).toThrow(RangeError);
    }
  });
});

describe("taskIdOf", () => {
  it("names the task of any child id", () => {
    expect(taskIdOf(42_000_001)).toBe(42);
    expect(taskIdOf(42_999_999)).toBe(42);
    expect(taskIdOf(43_000_000)).toBe(43);
  });
});
