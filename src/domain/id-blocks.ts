/**
 * Ids handed out from blocks reserved ahead, so a busy Worker instance does not write to D1 for
 * every new task. A block is used for at most BLOCK_MS, so a task's id is never more than that
 * "older" than its creation (`sort=newest` orders by id); a block that expires unused leaves a
 * gap in the ids, never a duplicate. Blocks grow while an instance uses them up within their
 * time and shrink back to one id when they do not, so an occasional poster's ids stay contiguous.
 */
export const BLOCK_MS = 1_000;
export const MAX_BLOCK = 32;

export interface IdBlock {
  next: number;
  last: number;
  size: number;
  expiresAt: number;
}

/** The next id from `block`, or null when a new block must be reserved. */
export function takeId(block: IdBlock | null, now: number): number | null {
  if (!block || block.next > block.last || now >= block.expiresAt) return null;
  return block.next++;
}

/** How many ids to reserve at `now`: twice the last block if it ran out before its time, else one. */
export function nextBlockSize(previous: IdBlock | null, now: number): number {
  if (!previous || previous.next <= previous.last || now >= previous.expiresAt) return 1;
  return Math.min(MAX_BLOCK, previous.size * 2);
}

/** The block reserved at `now` whose last id is `last`. */
export function blockEndingAt(last: number, size: number, now: number): IdBlock {
  return { next: last - size + 1, last, size, expiresAt: now + BLOCK_MS };
}
