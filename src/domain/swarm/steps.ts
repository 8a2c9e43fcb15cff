/**
 * The swarm as a state machine over its parent task (pure: the TaskRoom runs these inside the
 * command that changed the task, in the same transaction, and posts what they say to post).
 *
 * After every change, `advance` reads the situation: parts whose subtasks were paid are done,
 * parts that ended unpaid failed and a fix is asked for; parts whose dependencies are done are
 * posted (streaming dispatch); when every part is done the merger is asked; a merged deliverable
 * sent back for revision is merged again with the notes. Each LLM call is a numbered round, taken
 * by one queue message at a time (`takeCall`) and finished once (`finishCall`); a swarm that runs
 * out of rounds, budget or answers stops and hands the task to its poster with the reason.
 */

import type { LlmProvider } from "../llm";
import type { KeyChoice, KeySource } from "../reviews/key-resolution";
import type { Delegation } from "../subtasks";
import type { TaskRecord } from "../task";
import type { TaskStatus } from "../task-machine";
import { TERMINAL_STATUSES } from "../task-machine";
import { readAnswer, type SwarmCallKind } from "./answers";
import type { SwarmNews } from "./news";
import { checkPlan } from "./plan";
import type { SwarmCall, SwarmPart, SwarmRecord } from "./record";

/** LLM calls one swarm may make in all (the plan, its fixes, its merges, and re-asks after invalid answers). */
export const SWARM_MAX_ROUNDS = 8;
/** How long a queue message holds a call it took before another copy may take it over. */
export const SWARM_CALL_LEASE_SECONDS = 300;

/** What the swarm reads of its task after a change. */
export interface SwarmSituation {
  status: TaskStatus;
  delegations: readonly Delegation[];
  /** What the task can still delegate (subtasks.ts), before the parts still waiting. */
  delegable: number;
  /** The notes of the latest revision request on the merged deliverable, if any. */
  revisionNotes: string | null;
}

/** A step's result: the new record, the parts to post now, and what to announce. */
export interface SwarmStep {
  swarm: SwarmRecord;
  post: SwarmPart[];
  news: SwarmNews[];
  /** A merge answer to deliver as the task's deliverable. */
  deliver: string | null;
}

/** What a queue message reports of the call it made. */
export interface CallReport {
  keySource: KeySource;
  provider: LlmProvider | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costMicroUsd: number | null;
  /** The provider's failure (after its SDK's retries), or null when it answered. */
  error: string | null;
  answer: unknown;
  /** Task ids allocated for the parts the answer may add, in order. */
  ids: readonly number[];
}

/** What a queue message needs to make a call it took. */
export type SwarmTicket =
  | {
      taken: true;
      call: SwarmCall;
      key: KeyChoice;
      task: Pick<TaskRecord, "id" | "title" | "description" | "requirements" | "budgetCredits">;
      swarm: SwarmRecord;
      /** Credits a new part may still be given. */
      spare: number;
    }
  | { taken: false; busy: boolean; reason: string };

export type CallTaking =
  | { kind: "take"; swarm: SwarmRecord; call: SwarmCall; fresh: boolean }
  | { kind: "busy" }
  | { kind: "gone"; reason: string };

class Stepper {
  readonly post: SwarmPart[] = [];
  readonly news: SwarmNews[] = [];
  deliver: string | null = null;

  constructor(
    public swarm: SwarmRecord,
    readonly at: string,
  ) {}

  set(patch: Partial<SwarmRecord>): void {
    this.swarm = { ...this.swarm, ...patch };
  }

  setPart(key: string, patch: Partial<SwarmPart>): void {
    this.set({ parts: this.swarm.parts.map((part) => (part.key === key ? { ...part, ...patch } : part)) });
  }

  stop(reason: string): void {
    this.set({ status: "stopped", stopReason: reason });
    this.news.push({ type: "swarm.stopped", data: { reason } });
  }

  /** Asks for the next LLM call, or stops when the swarm has used its rounds. */
  request(kind: SwarmCallKind, partKey: string | null, notes: string | null): void {
    const round = this.swarm.calls.length + 1;
    if (round > SWARM_MAX_ROUNDS) {
      this.stop(`the swarm has used all ${SWARM_MAX_ROUNDS} of its LLM calls (plan, fixes and merges) without finishing`);
      return;
    }
    const call: SwarmCall = {
      round,
      kind,
      partKey,
      notes,
      state: "requested",
      holder: null,
      takenAt: null,
      keySource: null,
      provider: null,
      model: null,
      inputTokens: null,
      outputTokens: null,
      costMicroUsd: null,
      outcome: null,
      error: null,
      requestedAt: this.at,
      finishedAt: null,
    };
    this.set({ calls: [...this.swarm.calls, call] });
    this.news.push({ type: "swarm.call_requested", data: { round, kind, part_key: partKey } });
  }

  result(): SwarmStep {
    return { swarm: this.swarm, post: this.post, news: this.news, deliver: this.deliver };
  }
}

/** The first step of a swarm task, once its coordinator holds it: ask for the plan. */
export function startSwarm(swarm: SwarmRecord, at: string): SwarmStep {
  const step = new Stepper(swarm, at);
  step.request("plan", null, null);
  return step.result();
}

/** Credits the swarm can still give a new part: what the task can delegate, less the parts not yet posted. */
export function spareCredits(swarm: SwarmRecord, delegable: number): number {
  const waiting = swarm.parts.filter((part) => part.state === "waiting").reduce((sum, part) => sum + part.budgetCredits, 0);
  return Math.max(0, delegable - waiting);
}

/** Whether every part is done (a failed part counts once a replacement exists). */
export function allPartsDone(swarm: SwarmRecord): boolean {
  const replaced = new Set(swarm.parts.map((part) => part.fixOf).filter((key) => key !== null));
  return (
    swarm.parts.length > 0 && swarm.parts.every((part) => part.state === "done" || (part.state === "failed" && replaced.has(part.key)))
  );
}

/** Reads the situation after a change and moves the swarm on (see the module's comment). */
export function advance(swarm: SwarmRecord, situation: SwarmSituation, at: string): SwarmStep {
  const step = new Stepper(swarm, at);
  if (swarm.status === "stopped" || swarm.status === "ended") return step.result();
  if (TERMINAL_STATUSES.includes(situation.status) || situation.status === "open") {
    step.set({ status: "ended" });
    return step.result();
  }
  followParts(step, situation);
  if (step.swarm.status === "running") {
    postReady(step);
    if (allPartsDone(step.swarm)) {
      step.set({ status: "merging" });
      step.request("merge", null, null);
    }
  }
  if (step.swarm.status === "delivered" && situation.status === "in_progress") {
    step.set({ status: "merging" });
    step.request("merge", null, situation.revisionNotes);
  }
  return step.result();
}

/** Posted parts follow their subtasks: paid is done; ended unpaid is failed, and a fix is asked for. */
function followParts(step: Stepper, situation: SwarmSituation): void {
  for (const part of step.swarm.parts) {
    if (part.state !== "posted") continue;
    const delegation = situation.delegations.find((d) => d.childId === part.taskId);
    if (delegation?.state === "paid") step.setPart(part.key, { state: "done" });
    if (delegation?.state !== "released") continue;
    step.setPart(part.key, { state: "failed" });
    step.news.push({ type: "swarm.part_failed", data: { key: part.key, subtask_id: part.taskId } });
    if (step.swarm.status === "running") step.request("fix", part.key, null);
  }
}

/** Posts every waiting part whose dependencies are all done. */
function postReady(step: Stepper): void {
  const done = new Set(step.swarm.parts.filter((part) => part.state === "done").map((part) => part.key));
  for (const part of step.swarm.parts) {
    if (part.state !== "waiting" || !part.dependsOn.every((dep) => done.has(dep))) continue;
    step.setPart(part.key, { state: "posted" });
    step.post.push({ ...part, state: "posted" });
    step.news.push({ type: "swarm.part_posted", data: { key: part.key, subtask_id: part.taskId, budget_credits: part.budgetCredits } });
  }
}

/**
 * Lets `holder` (a queue message) make call `round`: a call already finished is gone; one taken
 * by another message within its lease is busy; the same message, redelivered, takes it back.
 */
export function takeCall(
  swarm: SwarmRecord,
  round: number,
  holder: string,
  now: Date,
  key: { source: KeySource; provider: LlmProvider | null },
): CallTaking {
  const call = swarm.calls.find((c) => c.round === round);
  if (!call) return { kind: "gone", reason: `the swarm has no call ${round}` };
  if (call.state === "finished") return { kind: "gone", reason: `call ${round} is already finished` };
  if (swarm.status === "stopped" || swarm.status === "ended") return { kind: "gone", reason: `the swarm is ${swarm.status}` };
  if (call.state === "taken") {
    const leaseEnds = Date.parse(call.takenAt ?? "") + SWARM_CALL_LEASE_SECONDS * 1000;
    if (call.holder !== holder && leaseEnds > now.getTime()) return { kind: "busy" };
    const taken = { ...call, holder, takenAt: now.toISOString() };
    return { kind: "take", swarm: replaceCall(swarm, taken), call: taken, fresh: false };
  }
  const taken: SwarmCall = { ...call, state: "taken", holder, takenAt: now.toISOString(), keySource: key.source, provider: key.provider };
  return { kind: "take", swarm: replaceCall(swarm, taken), call: taken, fresh: true };
}

/** Records call `round`'s report once and applies its answer; a repeat changes nothing. */
export function finishCall(swarm: SwarmRecord, round: number, report: CallReport, situation: SwarmSituation, at: string): SwarmStep | null {
  const call = swarm.calls.find((c) => c.round === round);
  if (!call || call.state === "finished" || swarm.status === "stopped" || swarm.status === "ended") return null;
  const step = new Stepper(swarm, at);
  const outcome = report.error !== null ? failed(step, call, report.error) : apply(step, call, report, situation);
  const finished: SwarmCall = {
    ...call,
    state: "finished",
    keySource: report.keySource,
    provider: report.provider,
    model: report.model,
    inputTokens: report.inputTokens,
    outputTokens: report.outputTokens,
    costMicroUsd: report.costMicroUsd,
    outcome,
    error: report.error,
    finishedAt: at,
  };
  // The call keeps its place (and round) in the list, ahead of any call its answer requested.
  step.set({ calls: step.swarm.calls.map((c) => (c.round === round ? finished : c)) });
  step.news.unshift({
    type: "swarm.call_finished",
    data: { round, kind: call.kind, key_source: report.keySource, cost_micro_usd: report.costMicroUsd, outcome },
  });
  return step.result();
}

/** The call could not be made (no key, or the provider stayed down): the poster decides. */
function failed(step: Stepper, call: SwarmCall, error: string): string {
  const reason = `the ${call.kind} call could not be made: ${error}`;
  step.stop(reason);
  return `stopped: ${reason}`;
}

function apply(step: Stepper, call: SwarmCall, report: CallReport, situation: SwarmSituation): string {
  if (call.kind === "plan") return applyPlan(step, call, report, situation);
  if (call.kind === "fix") return applyFix(step, call, report, situation);
  return applyMerge(step, call, report);
}

/** Asks the same kind of call again with the reason, while rounds remain. */
function askAgain(step: Stepper, call: Pick<SwarmCall, "kind" | "partKey">, reason: string): string {
  step.request(call.kind, call.partKey, reason);
  return step.swarm.status === "stopped" ? `stopped: ${reason}` : `asked again: ${reason}`;
}

function applyPlan(step: Stepper, call: SwarmCall, report: CallReport, situation: SwarmSituation): string {
  const answer = readAnswer("plan", report.answer);
  if (!answer.ok) return askAgain(step, call, answer.reason);
  if (!answer.value.feasible) {
    step.stop(`the planner found the task cannot be done within its budget: ${answer.value.reason || "no reason given"}`);
    return "stopped: not feasible";
  }
  const checked = checkPlan(answer.value.parts, spareCredits(step.swarm, situation.delegable));
  if (!checked.ok) return askAgain(step, call, checked.reason);
  if (report.ids.length < checked.parts.length)
    throw new RangeError(`a plan of ${checked.parts.length} parts came with ${report.ids.length} ids`);
  const parts: SwarmPart[] = checked.parts.map((part, index) => ({
    key: part.key,
    title: part.title,
    description: part.description,
    criteria: part.acceptance_criteria,
    budgetCredits: part.budget_credits,
    dependsOn: part.depends_on,
    taskId: report.ids[index] as number,
    state: "waiting",
    fixOf: null,
    attempt: 1,
  }));
  step.set({ status: "running", parts });
  step.news.push({ type: "swarm.planned", data: { round: call.round, fix_of: null, parts: parts.map(plannedNews) } });
  postReady(step);
  return `planned ${parts.length} part(s)`;
}

function applyFix(step: Stepper, call: SwarmCall, report: CallReport, situation: SwarmSituation): string {
  const failedPart = step.swarm.parts.find((part) => part.key === call.partKey);
  if (!failedPart) throw new RangeError(`fix call ${call.round} names no part (${call.partKey})`);
  const answer = readAnswer("fix", report.answer);
  if (!answer.ok) return askAgain(step, call, answer.reason);
  const fix = answer.value.part;
  if (!answer.value.feasible || fix === null) {
    step.stop(`part "${failedPart.key}" failed and cannot be redone within the budget left: ${answer.value.reason || "no reason given"}`);
    return "stopped: not feasible";
  }
  const spare = spareCredits(step.swarm, situation.delegable);
  if (fix.budget_credits > spare) return askAgain(step, call, `the fix asks ${fix.budget_credits} credits; at most ${spare} are left`);
  const id = report.ids[0];
  if (id === undefined) throw new RangeError("a fix came without an id");
  const attempt = failedPart.attempt + 1;
  const part: SwarmPart = {
    key: `${failedPart.key.replace(/-fix\d+$/, "")}-fix${attempt - 1}`,
    title: fix.title,
    description: fix.description,
    criteria: fix.acceptance_criteria,
    budgetCredits: fix.budget_credits,
    dependsOn: failedPart.dependsOn,
    taskId: id,
    state: "waiting",
    fixOf: failedPart.key,
    attempt,
  };
  // Whatever waited on the failed part now waits on its replacement.
  const parts = step.swarm.parts.map((p) => ({ ...p, dependsOn: p.dependsOn.map((dep) => (dep === failedPart.key ? part.key : dep)) }));
  step.set({ parts: [...parts, part] });
  step.news.push({ type: "swarm.planned", data: { round: call.round, fix_of: failedPart.key, parts: [plannedNews(part)] } });
  postReady(step);
  return `replaced part "${failedPart.key}" with "${part.key}"`;
}

function applyMerge(step: Stepper, call: SwarmCall, report: CallReport): string {
  const answer = readAnswer("merge", report.answer);
  if (!answer.ok) return askAgain(step, call, answer.reason);
  step.set({ status: "delivered" });
  step.deliver = answer.value.content;
  return "merged the parts into the task's deliverable";
}

function plannedNews(part: SwarmPart) {
  return { key: part.key, title: part.title, budget_credits: part.budgetCredits, depends_on: part.dependsOn };
}

function replaceCall(swarm: SwarmRecord, call: SwarmCall): SwarmRecord {
  return { ...swarm, calls: swarm.calls.map((c) => (c.round === call.round ? call : c)) };
}

/** Stops the swarm from outside its steps (a call given up on): the poster decides. */
export function stopSwarm(swarm: SwarmRecord, reason: string, at: string): SwarmStep {
  const step = new Stepper(swarm, at);
  if (swarm.status !== "stopped" && swarm.status !== "ended") step.stop(reason);
  return step.result();
}
