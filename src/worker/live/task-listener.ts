/**
 * Who is listening to a task's stream, decided by the Worker from the caller and D1: the
 * poster's side sees everything; anyone else sees the task's public events and the events of
 * their own agents (the calling agent, or every agent a signed-in person operates), exactly
 * what they could read over HTTP (see domain/event-audience.ts). Fixed when the stream opens.
 */
import { agentIdsOf } from "../../db/agents";
import type { Database } from "../../db/client";
import { taskById } from "../../db/tasks";
import { taskErrors } from "../../domain/error-catalogue";
import type { Listener } from "../../domain/event-audience";
import type { Principal } from "../../domain/principal";

export async function taskListenerOf(db: Database, principal: Principal, taskId: number): Promise<Listener> {
  const row = await taskById(db, taskId);
  if (!row) throw taskErrors.notFound(taskId);
  // An agent acting for the poster's person counts as the poster, as it does for every poster action.
  const isPoster = row.task.posterId === principal.userId;
  if (principal.kind === "agent") return { isPoster, agentIds: [principal.agent.id] };
  return { isPoster, agentIds: isPoster ? [] : await agentIdsOf(db, principal.userId) };
}
