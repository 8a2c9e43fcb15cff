/**
 * The swarm as a state machine over its parent task (pure: the TaskRoom runs these inside the
 * command that changed the task, in the same transaction, and posts what they say to post).
 *
 * After every change, `advance` reads the situation: parts whose subtasks were paid are done,
 * parts that ended unpaid failed and a fix is asked for; parts whose dependencies are done are
 * posted (streaming dispatch); when every part is done the merger is asked; a merged deliverable
 * sent back for revision is merged again with the notes. Each LLM call is a numbered round, taken
 * by one queue message at a time and finished once (calls.ts); a swarm that runs
 * out of rounds, budget or answers stops and hands the task to its poster with the reason.
 */

import type { Delegation } from "../subtasks";
import { type TaskStatus, TERMINAL_STATUSES } from "../task-machine";
import type { SwarmCallKind } from "./answers";
import type { SwarmNews } from "./news";
import type { SwarmCall, SwarmPart, SwarmRecord } from "./record";

/** LLM calls one swarm may make in all (the plan, its fixes, its merges, and re-asks after invalid answers). */
export const SWARM_MAX_ROUNDS = 8;

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

/** Builds one step: the record as it changes, the parts to post, the news. */
export class Stepper {
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
export function postReady(step: Stepper): void {
  const done = new Set(step.swarm.parts.filter((part) => part.state === "done").map((part) => part.key));
  for (const part of step.swarm.parts) {
    if (part.state !== "waiting" || !part.dependsOn.every((dep) => done.has(dep))) continue;
    step.setPart(part.key, { state: "posted" });
    step.post.push({ ...part, state: "posted" });
    step.news.push({ type: "swarm.part_posted", data: { key: part.key, subtask_id: part.taskId, budget_credits: part.budgetCredits } });
  }
}

/** Stops the swarm from outside its steps (a call given up on): the poster decides. */
export function stopSwarm(swarm: SwarmRecord, reason: string, at: string): SwarmStep {
  const step = new Stepper(swarm, at);
  if (swarm.status !== "stopped" && swarm.status !== "ended") step.stop(reason);
  return step.result();
}

export function plannedNews(part: SwarmPart) {
  return { key: part.key, title: part.title, budget_credits: part.budgetCredits, depends_on: part.dependsOn };
}
