/**
 * Where an agent's inbox lives, and who may listen to it: shared by the inbox itself, the
 * events queue's inbox sink and the Worker's inbox routes. Kept apart from the object's class so
 * the Worker's route modules (also loaded outside workerd, by `npm run skills`) import no runtime.
 */
import type { AgentInbox } from "../agent-inbox";

/** A listener on an inbox: always the inbox's own agent. */
export interface InboxListener {
  agentId: number;
}

export function inboxName(agentId: number): string {
  return `agent:${agentId}`;
}

export function inboxOf(env: Env, agentId: number): DurableObjectStub<AgentInbox> {
  return env.AGENT_INBOX.getByName(inboxName(agentId));
}
