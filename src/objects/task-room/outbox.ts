/**
 * What follows a room's changes from its log, one step at a time (the LogFollower keeps the
 * cursor): the new events go to the events queue in one message with the snapshot that brings D1
 * up to them (the events consumer writes a whole batch of rooms' snapshots to D1 in one
 * transaction, then hands the events on; decision 48); then the other objects that must hear of
 * them: the agents' Callers (slots freed), the task's parts (created, or cancelled with the
 * assignment they were posted under) and its parent (a part that ended). A snapshot too large for
 * a message is written to D1 by the room itself first. A step that fails leaves the cursor, so
 * its retry repeats it, which version guards, transfer keys and idempotent calls make harmless.
 */
import { callerOf, roomOf } from "../../contracts/addresses";
import { type EventEntry, type EventMessage, jsonBytes, stepMessage } from "../../contracts/event-message";
import type { TaskEvent } from "../../contracts/events";
import type { ProjectionSnapshot } from "../../contracts/projection";
import { writeProjections } from "../../db/projection";
import { slotReleasedBy } from "../../domain/assignments";
import { childOutcomeOf, endsParts } from "../../domain/subtasks";
import type { RoomStore } from "./store";

/** Events read per step (a step is one queue message). */
const STEP_EVENTS = 100;
/** What one step's message may weigh: a queue message holds at most 128 KB, with room to spare. */
export const STEP_MESSAGE_MAX_BYTES = 100_000;

export function outboxStep(env: Env, store: RoomStore, taskId: () => number): (from: number, to: number) => Promise<number> {
  return async (from, to) => {
    const entries = store.eventsSince(taskId(), from, Math.min(STEP_EVENTS, to - from));
    if (entries.length === 0) return from;
    const snapshot = snapshotSince(store, from);
    if (!snapshot) return from;
    let step = fitStep(snapshot, entries);
    if (!step) {
      await writeProjections(env.DB, [snapshot], new Date().toISOString());
      step = fitStep(null, entries);
    }
    await env.EVENTS.send(step.message, { contentType: "json" });
    const events = step.sent.map((entry) => entry.event);
    await Promise.all([releaseSlots(env, store, events), followParts(env, store, events), tellParent(env, store)]);
    return events.at(-1)?.seq ?? from;
  };
}

/**
 * The message for the first of `entries` that fit beside `projection` (at least one event, as
 * a message of its own always could); null if a projection leaves no room for even one.
 */
function fitStep(projection: ProjectionSnapshot, entries: EventEntry[]): { message: EventMessage; sent: EventEntry[] } | null;
function fitStep(projection: null, entries: EventEntry[]): { message: EventMessage; sent: EventEntry[] };
function fitStep(projection: ProjectionSnapshot | null, entries: EventEntry[]): { message: EventMessage; sent: EventEntry[] } | null {
  let bytes = jsonBytes(stepMessage(projection, []));
  let count = 0;
  for (const entry of entries) {
    // An entry's JSON, and the comma before it.
    bytes += jsonBytes(entry) + 1;
    if (bytes > STEP_MESSAGE_MAX_BYTES && (count > 0 || projection !== null)) break;
    count += 1;
  }
  if (count === 0) return null;
  const sent = entries.slice(0, count);
  return { message: stepMessage(projection, sent), sent };
}

/** The task's state as of its latest event, with what changed after `from`: what D1 needs. */
function snapshotSince(store: RoomStore, from: number): ProjectionSnapshot | null {
  const task = store.task();
  if (!task) return null;
  return {
    seq: store.lastSeq(),
    task,
    claims: store.claimsChangedSince(from),
    deliverables: store.deliverablesChangedSince(from),
    payments: store.paymentsSince(from),
  };
}

/** Writes the task's state as of the latest event, and what changed after `from`, to D1 in one batch. */
export async function project(env: Env, store: RoomStore, from: number): Promise<void> {
  const snapshot = snapshotSince(store, from);
  if (snapshot) await writeProjections(env.DB, [snapshot], new Date().toISOString());
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
  for (const part of store.parts.uncreated()) {
    await roomOf(env, part.id).create(part);
    store.parts.markCreated(part.id);
  }
  const ending = events.filter(endsParts).at(-1);
  if (!ending) return;
  const ended = store.parts.all().filter((d) => d.state === "open" && d.postedAt < ending.seq);
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
