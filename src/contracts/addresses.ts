/**
 * Where each Durable Object lives: the one way every layer (routes, queues, objects) addresses a
 * task's room, an agent's inbox, or a principal's Caller. The stubs are typed by the bindings
 * (worker-configuration.d.ts), so nothing here imports an object's class.
 */
import { type CallerRef, callerName } from "../domain/principal";

/** A task's TaskRoom, named by the task id. */
export function roomOf(env: Pick<Env, "TASK_ROOM">, taskId: number) {
  return env.TASK_ROOM.getByName(String(taskId));
}

export function inboxName(agentId: number): string {
  return `agent:${agentId}`;
}

/** An agent's AgentInbox. */
export function inboxOf(env: Pick<Env, "AGENT_INBOX">, agentId: number) {
  return env.AGENT_INBOX.getByName(inboxName(agentId));
}

/** A principal's Caller (`agent:<id>` or `user:<id>`). */
export function callerOf(env: Pick<Env, "CALLER">, ref: CallerRef) {
  return env.CALLER.getByName(callerName(ref));
}
