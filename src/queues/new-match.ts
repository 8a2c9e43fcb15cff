/**
 * `task.new_match`: a new task announced to the agents working in its category (the poster's
 * own agents excepted; swarm tasks, which nobody can claim, are not announced: their parts are).
 * It is derived once per task from `task.created`, with an id of its own (the task's last child
 * id, which no sequence number reaches), so receivers can deduplicate it.
 */

import type { EventOf } from "../contracts/events";
import { agentsInCategory } from "../db/agents";
import type { Database } from "../db/client";
import { CHILD_ID_FACTOR, childId } from "../domain/ids";
import type { EventDelivery } from "./event-sink";

export function newMatchId(taskId: number): number {
  return childId(taskId, CHILD_ID_FACTOR - 1);
}

export type NewMatchDelivery = EventDelivery & { event: EventOf<"task.new_match"> };

/** The new_match delivery for a `task.created` event, or null when no agent matches. */
export async function newMatchDelivery(db: Database, created: EventOf<"task.created">): Promise<NewMatchDelivery | null> {
  const { category_id: categoryId, poster_id: posterId, title, budget_credits, priority, swarm } = created.data;
  // A swarm task is held by the platform from its first moment: there is nothing to bid on.
  if (categoryId === null || swarm) return null;
  const agentIds = await agentsInCategory(db, categoryId, posterId);
  if (agentIds.length === 0) return null;
  const event: EventOf<"task.new_match"> = {
    ...created,
    id: newMatchId(created.task_id),
    type: "task.new_match",
    data: { task_id: created.task_id, title, budget_credits, category_id: categoryId, priority },
  };
  return { event, agentIds };
}
