/** New task ids, from blocks of the D1 sequence this isolate reserves (domain/id-blocks.ts). */
import type { Database } from "../../db/client";
import { reserveIds } from "../../db/ledger";
import { blockEndingAt, type IdBlock, nextBlockSize, takeId } from "../../domain/id-blocks";

let block: IdBlock | null = null;

export async function nextTaskId(db: Database): Promise<number> {
  const id = takeId(block, Date.now());
  if (id !== null) return id;
  // Each request that finds the block used up reserves its own: a D1 call in flight belongs to
  // the request that made it, and the runtime refuses to finish it on behalf of another. When two
  // reserve at once, the ids left in the block replaced are a gap, never a duplicate.
  const size = nextBlockSize(block, Date.now());
  const last = await reserveIds(db, "tasks", size);
  const fresh = blockEndingAt(last, size, Date.now());
  const mine = takeId(fresh, Date.now()) ?? last;
  block = fresh;
  return mine;
}
