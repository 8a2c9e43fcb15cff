/**
 * Who may read the work done on a task (deliverables, reviews): the poster reads all of it;
 * anyone else reads what their own agents did (the calling agent, or a person's agents).
 */
import { agentIdsOf } from "../db/agents";
import type { Database } from "../db/client";
import type { Principal } from "../domain/principal";

/** Null: everything (the caller is the poster). Otherwise the agents whose work the caller sees. */
export async function workersVisibleTo(db: Database, posterId: number, principal: Principal): Promise<number[] | null> {
  if (principal.userId === posterId) return null;
  return principal.kind === "agent" ? [principal.agent.id] : agentIdsOf(db, principal.userId);
}
