/**
 * What follows a room's changes from its log, one step at a time (the LogFollower keeps the
 * cursor): the D1 projection up to the latest event (with any payment), then the new events to
 * the events queue, then the other objects that must hear of them: the agents' Callers (slots
 * freed), the task's parts (created, or cancelled with the assignment they were posted under) and
 * its parent (a part that ended). A step that fails leaves the cursor, so its retry repeats it,
 * which version guards, transfer keys and idempotent calls make harmless.
 */
import { callerOf, roomOf } from "../../contracts/addresses";
import { eventMessage } from "../../contracts/event-message";
import type { TaskEvent } from "../../contracts/events";
import { database } from "../../db/client";
import { projectionStatements } from "../../db/projection";
import { slotReleasedBy } from "../../domain/assignments";
import { childOutcomeOf, endsParts } from "../../domain/subtasks";
import type { RoomStore } from "./store";

/** Events handed to the queue per send (a queue batch holds at most 100 messages). */
const QUEUE_BATCH = 100;

export function outboxStep(env: Env, store: RoomStore, taskId: () => number): (from: number, to: number) => Promise<number> {
  return async (from, to) => {
    await project(env, store, from);
    const entries = store.eventsSince(taskId(), from, Math.min(QUEUE_BATCH, to - from));
    const last = entries.at(-1);
    if (!last) return from;
    await env.EVENTS.sendBatch(entries.map(({ event, audience }) => ({ body: eventMessage(event, audience), contentType: "json" })));
    const events = entries.map((entry) => entry.event);
    await Promise.all([releaseSlots(env, store, events), followParts(env, store, events), tellParent(env, store)]);
    return last.event.seq;
  };
}

/** Writes the task's state as of the latest event, and what changed after `from`, to D1 in one batch. */
export async function project(env: Env, store: RoomStore, from: number): Promise<void> {
  const task = store.task();
  if (!task) return;
  const snapshot = {
    seq: store.lastSeq(),
    task,
    claims: store.claimsChangedSince(from),
    deliverables: store.deliverablesChangedSince(from),
    payments: store.paymentsSince(from),
  };
  await env.DB.batch(projectionStatements(env.DB, database(env.DB), snapshot, new Date().toISOString()));
}

/** Gives back the agents' slots for assignments these events ended (idempotent). */
async function releaseSlots(env: Env, store: RoomStore, events: readonly TaskEvent[]): Promise<void> {
  // A bid rejected or withdrawn while pending never held a slot: only assignments give one back.
  const releases = events
    .flatMap((event) => slotReleasedBy(event) ?? [])
    .filter((r) => r.claimId === null || store.everAccepted(r.claimId));
  await Promise.all(releases.map((r) => callerOf(env, { kind: "agent", id: r.agentId }).releaseSlot(r.taskId, r.claimId)));
}

/**
 * The task's parts follow it: rooms not yet created are (creation is idempotent), and when an
 * event ends the assignment they were posted under (a cancel, or a reopening by a rollback, an
 * abandon or an expiry) the parts still open are cancelled; a later assignment's parts are not.
 */
async function followParts(env: Env, store: RoomStore, events: readonly TaskEvent[]): Promise<void> {
  for (const part of store.uncreatedParts()) {
    await roomOf(env, part.id).create(part);
    store.markPartCreated(part.id);
  }
  const ending = events.filter(endsParts).at(-1);
  if (!ending) return;
  const ended = store.delegations().filter((d) => d.state === "open" && d.postedAt < ending.seq);
  await Promise.all(ended.map((d) => roomOf(env, d.childId).cancelForParent()));
}

/** A part that has ended tells its parent, which settles the part's reservation (once). */
async function tellParent(env: Env, store: RoomStore): Promise<void> {
  const task = store.task();
  const outcome = task && childOutcomeOf(task.status);
  if (!task || task.parentTaskId === null || !outcome) return;
  const result = await roomOf(env, task.parentTaskId).settleChild(task.id, outcome);
  if (!result.ok) throw new Error(`parent ${task.parentTaskId} refused to settle part ${task.id}: ${result.error.message}`);
}
