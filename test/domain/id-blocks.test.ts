import { describe, expect, it } from "vitest";
import { BLOCK_MS, blockEndingAt, type IdBlock, MAX_BLOCK, nextBlockSize, takeId } from "../../src/domain/id-blocks";

describe("id blocks", () => {
  it("hands out each id of a block once, in order, then asks for a new block", () => {
    const block = blockEndingAt(40, 3, 1_000);
    expect([takeId(block, 1_000), takeId(block, 1_001), takeId(block, 1_002), takeId(block, 1_003)]).toEqual([38, 39, 40, null]);
  });

  it("stops handing out a block's ids once its time is over, so no id is much older than its task", () => {
    const block = blockEndingAt(10, 5, 0);
    expect(takeId(block, BLOCK_MS - 1)).toBe(6);
    expect(takeId(block, BLOCK_MS)).toBeNull();
  });

  it("starts with one id, so an occasional poster's ids stay contiguous", () => {
    expect(nextBlockSize(null, 0)).toBe(1);
    const used: IdBlock = { next: 8, last: 7, size: 1, expiresAt: BLOCK_MS };
    expect(nextBlockSize(used, BLOCK_MS + 5_000)).toBe(1);
  });

  it("doubles a block used up in time, up to the maximum, and drops back to one when one is left unused", () => {
    let size = 1;
    const sizes = [];
    for (let i = 0; i < 8; i++) {
      size = nextBlockSize({ next: 101, last: 100, size, expiresAt: 5_000 }, 4_000);
      sizes.push(size);
    }
    expect(sizes).toEqual([2, 4, 8, 16, 32, MAX_BLOCK, MAX_BLOCK, MAX_BLOCK]);
    expect(nextBlockSize({ next: 95, last: 100, size: 32, expiresAt: 5_000 }, 5_000)).toBe(1);
  });
});
