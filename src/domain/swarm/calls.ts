/**
 * A swarm's LLM calls as numbered rounds (pure; the TaskRoom runs these as commands): one queue
 * message at a time takes a call (`takeCall`, under a lease), and its report is recorded and
 * applied once (`finishCall`): a plan, a fix or a merge, or, for an answer that is not valid, the
 * same call asked again with the reason while rounds remain.
 */
import type { LlmProvider } from "../llm";
import type { KeyChoice, KeySource } from "../reviews/key-resolution";
import type { TaskRecord } from "../task";
import { readAnswer } from "./answers";
import { checkPlan } from "./plan";
import type { SwarmCall, SwarmPart, SwarmRecord } from "./record";
import { plannedNews, postReady, Stepper, type SwarmSituation, type SwarmStep, spareCredits } from "./steps";

/** How long a queue message holds a call it took before another copy may take it over. */
export const SWARM_CALL_LEASE_SECONDS = 300;
/** How long a requested call may wait for a queue message before the reconciler asks again. */
export const SWARM_CALL_PATIENCE_SECONDS = 600;

/**
 * The calls no queue message is making, for the reconciler to ask for again: requested longer
 * ago than the patience allows, or taken by a message whose lease has run out. Asking again is
 * harmless: a call is taken by one message at a time and finished once.
 */
export function staleCalls(swarm: SwarmRecord, now: number): SwarmCall[] {
  if (swarm.status === "stopped" || swarm.status === "ended") return [];
  return swarm.calls.filter((call) => {
    if (call.state === "requested") return Date.parse(call.requestedAt) + SWARM_CALL_PATIENCE_SECONDS * 1000 <= now;
    return call.state === "taken" && Date.parse(call.takenAt ?? "") + SWARM_CALL_LEASE_SECONDS * 1000 <= now;
  });
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

function replaceCall(swarm: SwarmRecord, call: SwarmCall): SwarmRecord {
  return { ...swarm, calls: swarm.calls.map((c) => (c.round === call.round ? call : c)) };
}
