/** New task ids, from blocks of the D1 sequence this isolate reserves (domain/id-blocks.ts). */
import type { Database } from "../../db/client";
import { reserveIds } from "../../db/ledger";
import { blockEndingAt, type IdBlock, nextBlockSize, takeId } from "../../domain/id-blocks";

let block: IdBlock | null = null;
let reserving: Promise<void> | null = null;

export async function nextTaskId(db: Database): Promise<number> {
  for (;;) {
    const id = takeId(block, Date.now());
    if (id !== null) return id;
    // Concurrent requests share one reservation rather than each taking a block.
    reserving ??= reserve(db).finally(() => {
      reserving = null;
    });
    await reserving;
  }
}

async function reserve(db: Database): Promise<void> {
  const size = nextBlockSize(block, Date.now());
  const last = await reserveIds(db, "tasks", size);
  block = blockEndingAt(last, size, Date.now());
}
