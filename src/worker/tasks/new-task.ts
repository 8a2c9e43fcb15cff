/**
 * A new task's record from a create body, as both ways of posting build it: `POST /tasks` (a root)
 * and `POST /tasks/:id/subtasks` (a part of a task the caller holds). The id is allocated here;
 * the task itself is created by its room, whose projection writes the row.
 */
import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { categoryExists } from "../../db/categories";
import { swarmCoordinator } from "../../db/coordinator";
import { encryptionKeyOf } from "../../domain/deployment";
import { swarmErrors, taskErrors } from "../../domain/error-catalogue";
import { sealSecret } from "../../domain/secret-box";
import { newSwarm, SWARM_MIN_BUDGET, type SwarmRecord } from "../../domain/swarm/record";
import { type TaskRecord, UNASSIGNED } from "../../domain/task";
import { platformKey } from "../../queues/reviews/config";
import type { AppEnv } from "../http/context";
import type { CreateTaskBody } from "./schema";
import { nextTaskId } from "./task-ids";

/**
 * A root task's record, or (with `parentTaskId`) a part's draft: the parent's room sets its depth
 * when it reserves the part's budget (subtask-commands.ts).
 */
export async function newTaskRecord(
  c: Context<AppEnv>,
  body: z.infer<typeof CreateTaskBody>,
  parentTaskId: number | null,
): Promise<TaskRecord> {
  const db = c.var.db;
  const categoryId = body.category_id ?? null;
  if (categoryId !== null && !(await categoryExists(db, categoryId))) throw taskErrors.categoryNotFound(categoryId);
  const deadline = body.deadline ? new Date(body.deadline) : null;
  if (deadline && deadline.getTime() <= Date.now()) throw taskErrors.deadlineInPast(body.deadline ?? "");
  const swarm = body.swarm ? await swarmOf(c, body, parentTaskId) : null;
  const encryptedKey = body.poster_llm_key == null ? null : await sealSecret(body.poster_llm_key, encryptionKeyOf(c.env));
  const principal = c.var.principal;
  const at = new Date().toISOString();
  return {
    id: await nextTaskId(db),
    posterId: principal.userId,
    postedByAgentId: principal.kind === "agent" ? principal.agent.id : null,
    parentTaskId,
    depth: 0,
    title: body.title,
    description: body.description,
    requirements: body.requirements ?? null,
    budgetCredits: body.budget_credits,
    categoryId,
    deadline: deadline?.toISOString() ?? null,
    maxRevisions: body.max_revisions,
    priority: body.priority,
    leaseSeconds: body.lease_seconds,
    autoAcceptSeconds: body.auto_accept_seconds,
    autoReviewEnabled: body.auto_review_enabled,
    review: {
      provider: body.poster_llm_provider ?? null,
      encryptedKey,
      maxReviews: body.poster_max_reviews ?? null,
      reviewsUsed: 0,
    },
    ...UNASSIGNED,
    createdAt: at,
    updatedAt: at,
    swarm,
    platformDecides: false,
  };
}

/** A swarm task's starting state, or why it cannot be one: a root, with room for a part, and a key for its calls. */
async function swarmOf(c: Context<AppEnv>, body: z.infer<typeof CreateTaskBody>, parentTaskId: number | null): Promise<SwarmRecord> {
  if (parentTaskId !== null) throw swarmErrors.notForParts(parentTaskId);
  if (body.budget_credits < SWARM_MIN_BUDGET) throw swarmErrors.budgetTooSmall(body.budget_credits, SWARM_MIN_BUDGET);
  if (!body.poster_llm_key && !platformKey(c.env)) throw swarmErrors.needsKey();
  const coordinator = await swarmCoordinator(c.var.db);
  if (!coordinator) throw swarmErrors.coordinatorMissing();
  return newSwarm(coordinator);
}
