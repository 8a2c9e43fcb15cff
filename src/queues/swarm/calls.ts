/**
 * One swarm LLM call, as a queue job: take the call from the parent's room (which chooses the
 * key that pays, once), build its prompt from the room's record and the parts' rooms, ask the
 * model for the forced tool call, allocate ids for any parts it adds, and hand the report to the
 * room, which validates and applies it once. The rooms stay the only writers of task state.
 */
import { roomOf } from "../../contracts/addresses";
import { database } from "../../db/client";
import { reserveIds } from "../../db/ledger";
import { AppError } from "../../domain/errors";
import { type Prompt, promptNonce } from "../../domain/llm";
import { readAnswer, SWARM_TOOLS, type SwarmCallKind, toolInputSchema } from "../../domain/swarm/answers";
import type { CallReport, SwarmTicket } from "../../domain/swarm/calls";
import { fixPrompt, mergePrompt, planPrompt } from "../../domain/swarm/prompts";
import type { AppBindings } from "../../env";
import { platformKey } from "../reviews/config";
import { askWithKey } from "../reviews/keyed-call";
import { askForTool, type ForcedTool, type ModelAnswer, type ModelConfig } from "../reviews/models";
import { doneWork, failureOf } from "./context";

export interface SwarmJob {
  taskId: number;
  round: number;
  /** The queue message carrying the job: the call's holder while it runs. */
  messageId: string;
}

/** Another message holds the call: it will finish it, so this copy stops. */
export class SwarmCallBusy extends Error {}

/** The step that talks to the model (tests keep the real one, behind a fake provider). */
export type Ask = (config: ModelConfig, prompt: Prompt, tool: ForcedTool, maxTokens: number) => Promise<ModelAnswer>;

/** Room for a merged deliverable of up to 50,000 characters. */
const MAX_TOKENS: Record<SwarmCallKind, number> = { plan: 4096, fix: 2048, merge: 16_000 };

export async function runSwarmCall(env: AppBindings, job: SwarmJob, ask: Ask = askForTool): Promise<"finished" | "gone"> {
  const room = roomOf(env, job.taskId);
  const taken = await room.takeSwarmCall(job.round, job.messageId, platformKey(env));
  if (!taken.ok) throw AppError.from(taken.error);
  const ticket = taken.value;
  if (!ticket.taken) {
    if (ticket.busy) throw new SwarmCallBusy(ticket.reason);
    return "gone";
  }
  const report = await callModel(env, ticket, ask);
  const finished = await room.finishSwarmCall(job.round, report);
  if (!finished.ok) throw AppError.from(finished.error);
  return "finished";
}

async function callModel(env: AppBindings, ticket: Extract<SwarmTicket, { taken: true }>, ask: Ask): Promise<CallReport> {
  const { call, key } = ticket;
  const prompt = await promptFor(env, ticket);
  const tool = { name: SWARM_TOOLS[call.kind].name, description: SWARM_TOOLS[call.kind].description, schema: toolInputSchema(call.kind) };
  const asked = await askWithKey(env, key, (config) => ask(config, prompt, tool, MAX_TOKENS[call.kind]));
  return { ...asked, ids: asked.error === null ? await idsFor(env, call.kind, asked.answer) : [] };
}

async function promptFor(env: AppBindings, ticket: Extract<SwarmTicket, { taken: true }>): Promise<Prompt> {
  const { call, task, swarm, spare } = ticket;
  if (call.kind === "plan") return planPrompt(task, spare, call.notes);
  if (call.kind === "merge") return mergePrompt(task, await doneWork(env, swarm.parts), call.notes, promptNonce());
  const failed = swarm.parts.find((part) => part.key === call.partKey);
  if (!failed) throw new Error(`fix call ${call.round} of task ${task.id} names no part (${call.partKey})`);
  return fixPrompt(task, failed, await failureOf(env, failed), spare, call.notes, promptNonce());
}

/** Task ids for the parts an answer adds (allocated before the room sees it, so a repeat posts the same tasks). */
async function idsFor(env: AppBindings, kind: SwarmCallKind, answer: unknown): Promise<number[]> {
  const count = kind === "plan" ? partsIn(answer) : kind === "fix" ? 1 : 0;
  if (count === 0) return [];
  const last = await reserveIds(database(env.DB), "tasks", count);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

function partsIn(answer: unknown): number {
  const plan = readAnswer("plan", answer);
  return plan.ok ? plan.value.parts.length : 0;
}
