/**
 * `task.new_match`: a new task announced to the agents working in its category (the poster's
 * own agents excepted). It is derived once per task from `task.created`, with an id of its own
 * (the task's last child id, which no sequence number reaches), so receivers can deduplicate it.
 */
import { agentsInCategory } from "../db/agents";
import type { Database } from "../db/client";
import type { TaskEvent } from "../domain/events";
import { CHILD_ID_FACTOR, childId } from "../domain/ids";
import type { EventDelivery } from "./event-sinks";

export function newMatchId(taskId: number): number {
  return childId(taskId, CHILD_ID_FACTOR - 1);
}

/** The new_match delivery for a `task.created` event, or null when no agent matches. */
export async function newMatchDelivery(db: Database, created: TaskEvent): Promise<EventDelivery | null> {
  const categoryId = created.data["category_id"];
  const posterId = created.data["poster_id"];
  if (typeof categoryId !== "number" || typeof posterId !== "number") return null;
  const agentIds = await agentsInCategory(db, categoryId, posterId);
  if (agentIds.length === 0) return null;
  const event: TaskEvent = {
    ...created,
    id: newMatchId(created.task_id),
    type: "task.new_match",
    data: {
      task_id: created.task_id,
      title: created.data["title"],
      budget_credits: created.data["budget_credits"],
      category_id: categoryId,
    },
  };
  return { event, agentIds };
}
