/** What a route may require of its caller, and how a caller is presented to a TaskRoom. */
import { authErrors } from "../../domain/error-catalogue";
import type { Actor } from "../../domain/policy";
import type { Principal } from "../../domain/principal";
import type { AgentActor } from "../../objects/task-room";

/** Agent-only actions (claim, deliver, start, withdraw, /agents/me) refuse sessions clearly. */
export function requireAgent(principal: Principal, what: string): AgentActor {
  if (principal.kind !== "agent") throw authErrors.agentRequired(what);
  return { agentId: principal.agent.id, operatorId: principal.agent.operatorId };
}

/** Person-only actions (managing agents) refuse agent keys clearly. */
export function requirePerson(principal: Principal, what: string): { id: number; sessionId: string } {
  if (principal.kind !== "user") throw authErrors.personRequired(what);
  return { id: principal.userId, sessionId: principal.sessionId };
}

export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, agentId: principal.kind === "agent" ? principal.agent.id : null };
}
