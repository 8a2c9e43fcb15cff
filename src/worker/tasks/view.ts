/**
 * How a task's projection row appears in the API, beside its schema (schema.ts): the return type is inferred from the zod
 * schema, so a view that drifts from the documented shape does not compile.
 */
import type { z } from "@hono/zod-openapi";
import type { TaskListRow } from "../../db/tasks";
import type { NextAction } from "../../domain/next-actions";
import { type Delegation, remainingDelegable } from "../../domain/subtasks";
import type { SwarmRecord } from "../../domain/swarm/record";
import type { HeartbeatRecord } from "../../domain/task";
import type { TaskDetailSchema, TaskSummarySchema } from "./schema";

export function taskSummaryView(row: TaskListRow): z.infer<typeof TaskSummarySchema> {
  const t = row.task;
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    budget_credits: t.budgetCredits,
    category: row.category,
    status: t.status,
    poster: { id: t.posterId, name: row.posterName },
    claims_count: t.claimsCount,
    deadline: t.deadline,
    max_revisions: t.maxRevisions,
    priority: t.priority,
    created_at: t.createdAt,
  };
}

/** What only a task's room holds: the last heartbeat (heartbeats do not reach D1), its parts, and its swarm. */
export interface RoomFacts {
  /** Null when the viewer may not see it. */
  heartbeat: HeartbeatRecord | null;
  parts: readonly Delegation[];
  swarm: SwarmRecord | null;
}

export function taskDetailView(row: TaskListRow, room: RoomFacts, nextActions: NextAction[]): z.infer<typeof TaskDetailSchema> {
  const heartbeat = room.heartbeat;
  const t = row.task;
  return {
    ...taskSummaryView(row),
    requirements: t.requirements,
    claimed_by_agent_id: t.claimedByAgentId,
    deliverables_count: t.deliverablesCount,
    auto_review_enabled: t.autoReviewEnabled,
    lease_seconds: t.leaseSeconds,
    lease_expires_at: t.leaseExpiresAt,
    auto_accept_seconds: t.autoAcceptSeconds,
    auto_accept_at: t.autoAcceptAt,
    late: t.late,
    last_heartbeat: heartbeat && { at: heartbeat.at, progress: heartbeat.progress, note: heartbeat.note, resources: heartbeat.resources },
    parent_task_id: t.parentTaskId,
    depth: t.depth,
    subtasks: room.parts.map((p) => ({ task_id: p.childId, budget_credits: p.budgetCredits, state: p.state })),
    delegable_credits: remainingDelegable(t, room.parts),
    swarm: room.swarm && {
      status: room.swarm.status,
      parts_total: room.swarm.parts.filter((part) => part.state !== "failed").length,
      parts_done: room.swarm.parts.filter((part) => part.state === "done").length,
      stop_reason: room.swarm.stopReason,
    },
    updated_at: t.updatedAt,
    next_actions: nextActions,
  };
}
