/**
 * Swarm mode in the task's room (domain/swarm/steps.ts decides; this applies): the coordinator
 * takes the task when it is created, every later change moves the swarm on in the same
 * transaction (`advanceSwarm`), and the swarm's LLM calls are taken and finished as commands, so
 * a part is posted, and a merged deliverable delivered, exactly once however often a queue
 * message is redelivered or the room restarts. Synchronous from first read to last write.
 */
import { taskErrors } from "../../domain/error-catalogue";
import { chooseAgain, type PlatformKey, posterKeyOf, resolveReviewKey } from "../../domain/reviews/key-resolution";
import { remainingDelegable } from "../../domain/subtasks";
import { type CallReport, finishCall, type SwarmTicket, staleCalls, takeCall } from "../../domain/swarm/calls";
import { partRecord } from "../../domain/swarm/parts";
import type { SwarmRecord } from "../../domain/swarm/record";
import { advance, type SwarmSituation, type SwarmStep, spareCredits, startSwarm, stopSwarm } from "../../domain/swarm/steps";
import type { TaskRecord } from "../../domain/task";
import { type AgentActor, Change, ok, type RoomResult, refuse } from "./change";
import { acceptClaim, placeClaim } from "./claim-commands";
import { deliver, rejectDeliverable, startWork } from "./delivery-commands";
import type { RoomStore } from "./store";
import { reserveSubtask } from "./subtask-commands";

function coordinatorOf(swarm: SwarmRecord): AgentActor {
  return { agentId: swarm.coordinatorAgentId, operatorId: swarm.coordinatorOperatorId };
}

/** A new swarm task: its coordinator bids, is accepted for the poster, starts, and asks for the plan. */
export function beginSwarm(store: RoomStore, at: string): void {
  const task = store.task();
  if (!task?.swarm || task.status !== "open") return;
  const coordinator = coordinatorOf(task.swarm);
  const claim = placeClaim(
    store,
    task,
    coordinator,
    { proposedCredits: task.budgetCredits, message: "Swarm mode: the platform plans, dispatches and merges this task." },
    at,
  );
  if (!claim.ok) throw new Error(`the swarm coordinator could not bid on task ${task.id}: ${claim.error.message}`);
  const poster = { userId: task.posterId, agentId: task.postedByAgentId };
  const accepted = acceptClaim(store, current(store), poster, claim.value.id, at);
  if (!accepted.ok) throw new Error(`the swarm coordinator could not take task ${task.id}: ${accepted.error.message}`);
  const started = startWork(store, current(store), coordinator, at);
  if (!started.ok) throw new Error(`the swarm coordinator could not start task ${task.id}: ${started.error.message}`);
  apply(store, startSwarm(started.value.swarm ?? task.swarm, at), at);
}

/** Moves the swarm on after any change of its task (nothing for other tasks). */
export function advanceSwarm(store: RoomStore, at: string): void {
  const task = store.task();
  if (!task?.swarm) return;
  const step = advance(task.swarm, situationOf(store, task), at);
  if (step.swarm !== task.swarm) apply(store, step, at);
}

/**
 * Lets queue message `holder` make call `round`: the key that pays is chosen once, when the call
 * is first taken (the poster's key within its limit, which the call counts against, then the
 * platform's); with none, the call finishes at once and the swarm stops for the poster.
 */
export function takeSwarmCall(
  store: RoomStore,
  task: TaskRecord,
  round: number,
  holder: string,
  platform: PlatformKey | null,
  at: string,
): RoomResult<SwarmTicket> {
  if (!task.swarm) return refuse(taskErrors.notFound(task.id));
  const candidates = { poster: posterKeyOf(task.review), agent: null, platform };
  const previous = task.swarm.calls.find((c) => c.round === round);
  const choice = previous?.keySource ? chooseAgain(previous.keySource, candidates) : resolveReviewKey(candidates);
  const provider = choice.source === "none" ? null : choice.provider;
  const taking = takeCall(task.swarm, round, holder, new Date(at), { source: choice.source, provider });
  if (taking.kind !== "take")
    return ok({
      taken: false,
      busy: taking.kind === "busy",
      reason: taking.kind === "gone" ? taking.reason : `call ${round} is being made by another message`,
    });
  const change = new Change(store, task, at);
  const counted = taking.fresh && choice.source === "poster";
  change.updateTask({ swarm: taking.swarm, ...(counted ? { review: { ...task.review, reviewsUsed: task.review.reviewsUsed + 1 } } : {}) });
  if (choice.source === "none") {
    finishSwarmCall(store, current(store), round, noKeyReport(), at);
    return ok({ taken: false, busy: false, reason: "no LLM key is available for the swarm" });
  }
  const fresh = current(store);
  return ok({
    taken: true,
    call: taking.call,
    key: choice,
    task: {
      id: fresh.id,
      title: fresh.title,
      description: fresh.description,
      requirements: fresh.requirements,
      budgetCredits: fresh.budgetCredits,
    },
    swarm: taking.swarm,
    spare: spareCredits(taking.swarm, remainingDelegable(fresh, store.parts.all())),
  });
}

/** Records call `round`'s report and applies its answer, once. */
export function finishSwarmCall(
  store: RoomStore,
  task: TaskRecord,
  round: number,
  report: CallReport,
  at: string,
): RoomResult<{ applied: boolean }> {
  if (!task.swarm) return refuse(taskErrors.notFound(task.id));
  const step = finishCall(task.swarm, round, report, situationOf(store, task), at);
  if (!step) return ok({ applied: false });
  apply(store, step, at);
  return ok({ applied: true });
}

/** Announces again the calls no queue message is making (for the reconciler); says how many. */
export function remindStaleCalls(store: RoomStore, at: string): number {
  const task = store.task();
  const stale = task?.swarm ? staleCalls(task.swarm, Date.parse(at)) : [];
  if (!task || stale.length === 0) return 0;
  const change = new Change(store, task, at);
  for (const call of stale) change.emit("swarm.call_requested", { round: call.round, kind: call.kind, part_key: call.partKey });
  return stale.length;
}

/** Stops the swarm for its poster (a call the queue gave up on). */
export function stopSwarmFor(store: RoomStore, task: TaskRecord, reason: string, at: string): RoomResult<{ stopped: boolean }> {
  if (!task.swarm) return refuse(taskErrors.notFound(task.id));
  const step = stopSwarm(task.swarm, reason, at);
  if (step.swarm === task.swarm) return ok({ stopped: false });
  apply(store, step, at);
  return ok({ stopped: true });
}

/**
 * A swarm part whose last submission failed review is rejected for its poster (the platform), so
 * it ends unpaid and its parent's swarm replaces it; a skipped or failed review leaves the part to
 * its auto-accept window instead, since the worker is not at fault.
 */
export function rejectFailedPart(store: RoomStore, deliverableId: number, review: { result: string; feedback: string }, at: string): void {
  const task = current(store);
  if (!task.platformDecides || review.result !== "fail" || task.status !== "delivered") return;
  const poster = { userId: task.posterId, agentId: task.postedByAgentId };
  rejectDeliverable(store, task, poster, deliverableId, `The review failed the last submission: ${review.feedback}`, at);
}

/** Writes a step: the record and its news, then the parts it posts, then a merged deliverable. */
function apply(store: RoomStore, step: SwarmStep, at: string): void {
  const change = new Change(store, current(store), at);
  change.updateTask({ swarm: step.swarm });
  for (const news of step.news) change.emit(news.type, news.data);
  const coordinator = coordinatorOf(step.swarm);
  for (const part of step.post) {
    const parent = current(store);
    const reserved = reserveSubtask(store, parent, coordinator, partRecord(parent, part, coordinator, at), at);
    if (!reserved.ok) {
      halt(store, `part "${part.key}" could not be posted: ${reserved.error.message}`, at);
      return;
    }
  }
  if (step.deliver !== null) {
    const delivered = deliver(store, current(store), coordinator, step.deliver, at);
    if (!delivered.ok) halt(store, `the merged deliverable could not be delivered: ${delivered.error.message}`, at);
  }
}

function halt(store: RoomStore, reason: string, at: string): void {
  const task = current(store);
  if (task.swarm) apply(store, stopSwarm(task.swarm, reason, at), at);
}

function situationOf(store: RoomStore, task: TaskRecord): SwarmSituation {
  const delegations = store.parts.all();
  const latest = store.latestDeliverable();
  return {
    status: task.status,
    delegations,
    delegable: remainingDelegable(task, delegations),
    revisionNotes: latest?.status === "revision_requested" ? latest.revisionNotes : null,
  };
}

function noKeyReport(): CallReport {
  return {
    keySource: "none",
    provider: null,
    model: null,
    inputTokens: null,
    outputTokens: null,
    costMicroUsd: null,
    error: "no LLM key is available (the poster's is missing or used up, and this deployment has no platform key)",
    answer: null,
    ids: [],
  };
}

function current(store: RoomStore): TaskRecord {
  const task = store.task();
  if (!task) throw new Error("the swarm's task vanished from its room");
  return task;
}
