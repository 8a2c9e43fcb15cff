/**
 * A swarm task's state, kept on its record in its room (one JSON value, so it changes in the same
 * transaction as the task it steers). The platform's coordinator agent holds the task; its parts
 * are subtasks it posts; every LLM call the swarm makes is a numbered round, recorded with its
 * cost and outcome like a review attempt.
 */
import { z } from "zod";
import { MIN_TASK_BUDGET } from "../constants";
import { LLM_PROVIDERS } from "../llm";
import { KEY_SOURCES } from "../reviews/key-resolution";
import { SWARM_CALL_KINDS } from "./answers";

/**
 * planning: the plan is asked for. running: parts are posted as their dependencies finish, and
 * failed ones fixed. merging: every part is done, the merger is asked. delivered: the merged
 * deliverable awaits review or the poster. stopped: handed to the poster, with a reason. ended:
 * the task finished (completed, cancelled, disputed) or was reopened by its poster.
 */
export const SWARM_STATUSES = ["planning", "running", "merging", "delivered", "stopped", "ended"] as const;
export type SwarmStatus = (typeof SWARM_STATUSES)[number];

/** waiting for its dependencies; posted as a subtask; done (paid); failed (ended unpaid). */
export const SWARM_PART_STATES = ["waiting", "posted", "done", "failed"] as const;

export const SwarmPartSchema = z.object({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  criteria: z.array(z.string()),
  budgetCredits: z.number().int(),
  dependsOn: z.array(z.string()),
  /** The id of the subtask that carries it, allocated with the plan, so a repeat posts the same task. */
  taskId: z.number().int(),
  state: z.enum(SWARM_PART_STATES),
  /** The failed part this one replaces, and which attempt at the work it is (1: planned). */
  fixOf: z.string().nullable(),
  attempt: z.number().int(),
});
export type SwarmPart = z.infer<typeof SwarmPartSchema>;

export const SWARM_CALL_STATES = ["requested", "taken", "finished"] as const;

export const SwarmCallSchema = z.object({
  round: z.number().int(),
  kind: z.enum(SWARM_CALL_KINDS),
  /** For a fix: the failed part. */
  partKey: z.string().nullable(),
  /** For a merge after a revision request: the notes to address. */
  notes: z.string().nullable(),
  state: z.enum(SWARM_CALL_STATES),
  /** The queue message that took the call, and when: another copy waits out its lease. */
  holder: z.string().nullable(),
  takenAt: z.string().nullable(),
  keySource: z.enum(KEY_SOURCES).nullable(),
  provider: z.enum(LLM_PROVIDERS).nullable(),
  model: z.string().nullable(),
  inputTokens: z.number().int().nullable(),
  outputTokens: z.number().int().nullable(),
  costMicroUsd: z.number().int().nullable(),
  /** What the answer did (e.g. "planned 3 parts", "stopped: ..."), or the call's error. */
  outcome: z.string().nullable(),
  error: z.string().nullable(),
  requestedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type SwarmCall = z.infer<typeof SwarmCallSchema>;

export const SwarmRecordSchema = z.object({
  /** The platform's agent that holds the task, and its operator (who posts the parts). */
  coordinatorAgentId: z.number().int(),
  coordinatorOperatorId: z.number().int(),
  status: z.enum(SWARM_STATUSES),
  parts: z.array(SwarmPartSchema),
  calls: z.array(SwarmCallSchema),
  stopReason: z.string().nullable(),
});
export type SwarmRecord = z.infer<typeof SwarmRecordSchema>;

/** The smallest swarm budget: what the coordinator keeps (subtasks.ts' PARENT_KEEPS) and one part at the minimum. */
export const SWARM_MIN_BUDGET = 2 * MIN_TASK_BUDGET;

export interface Coordinator {
  agentId: number;
  operatorId: number;
}

/** A new swarm: nothing planned yet (the room asks for the plan when it starts the task). */
export function newSwarm(coordinator: Coordinator): SwarmRecord {
  return {
    coordinatorAgentId: coordinator.agentId,
    coordinatorOperatorId: coordinator.operatorId,
    status: "planning",
    parts: [],
    calls: [],
    stopReason: null,
  };
}

/** Whether the swarm's coordinator holds the task now (it carries no lease: the platform is its worker). */
export function heldBySwarm(task: { swarm: SwarmRecord | null; claimedByAgentId: number | null }): boolean {
  return task.swarm !== null && task.claimedByAgentId === task.swarm.coordinatorAgentId;
}
