/**
 * The visibility rule (domain/visibility.ts) applied to a caller: its sight on a task, which the
 * REST reads (claims, deliverables, reviews) and the task's live streams all use. A person's own
 * agents are read from D1 only when the rule needs them.
 */
import { agentIdsOf } from "../../db/agents";
import type { Database } from "../../db/client";
import type { Principal } from "../../domain/principal";
import { sightOf, type TaskSight } from "../../domain/visibility";
import { actorOf } from "../auth/guards";

export function sightFor(db: Database, posterId: number, principal: Principal): Promise<TaskSight> {
  return sightOf(posterId, actorOf(principal), () => agentIdsOf(db, principal.userId));
}
