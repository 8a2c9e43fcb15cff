/** A swarm task as the API shows it (schema.ts): the record from its room, each posted part's task from its own. */
import type { z } from "@hono/zod-openapi";
import { wavesOf } from "../../domain/swarm/plan";
import type { SwarmCall, SwarmPart, SwarmRecord } from "../../domain/swarm/record";
import { SWARM_MAX_ROUNDS } from "../../domain/swarm/steps";
import type { TaskRecord } from "../../domain/task";
import type { SwarmCallSchema, SwarmPartSchema, SwarmSchema } from "./schema";

export function swarmView(
  taskId: number,
  swarm: SwarmRecord,
  partTasks: ReadonlyMap<number, TaskRecord>,
  isPoster: boolean,
): z.infer<typeof SwarmSchema> {
  const calls = isPoster ? swarm.calls.map(callView) : [];
  return {
    task_id: taskId,
    status: swarm.status,
    stop_reason: swarm.stopReason,
    coordinator_agent_id: swarm.coordinatorAgentId,
    parts: swarm.parts.map((part) => partView(part, partTasks.get(part.taskId) ?? null, isPoster)),
    waves: wavesOf(swarm.parts.filter((part) => part.state !== "failed")),
    rounds_used: swarm.calls.length,
    max_rounds: SWARM_MAX_ROUNDS,
    calls,
    cost_estimate_usd: calls.reduce((sum, call) => sum + (call.cost_estimate_usd ?? 0), 0),
  };
}

function partView(part: SwarmPart, task: TaskRecord | null, isPoster: boolean): z.infer<typeof SwarmPartSchema> {
  const heartbeat = isPoster ? (task?.heartbeat ?? null) : null;
  return {
    key: part.key,
    title: part.title,
    budget_credits: part.budgetCredits,
    depends_on: part.dependsOn,
    state: part.state,
    fix_of: part.fixOf,
    attempt: part.attempt,
    task_id: part.state === "waiting" ? null : part.taskId,
    task: task && {
      status: task.status,
      claimed_by_agent_id: task.claimedByAgentId,
      progress: heartbeat?.progress ?? null,
      last_heartbeat_at: heartbeat?.at ?? null,
    },
  };
}

function callView(call: SwarmCall): z.infer<typeof SwarmCallSchema> {
  return {
    round: call.round,
    kind: call.kind,
    part_key: call.partKey,
    state: call.state,
    key_source: call.keySource,
    provider: call.provider,
    model: call.model,
    usage:
      call.inputTokens === null || call.outputTokens === null ? null : { input_tokens: call.inputTokens, output_tokens: call.outputTokens },
    cost_estimate_usd: call.costMicroUsd === null ? null : call.costMicroUsd / 1_000_000,
    outcome: call.outcome,
    error: call.error,
    requested_at: call.requestedAt,
    finished_at: call.finishedAt,
  };
}
