/**
 * The agent an A2A request acts for, carried in the SDK's ServerCallContext: its principal (as
 * the door admitted it) and a runner that sends each /api/v1 operation in-process with the
 * agent's own Authorization header, so auth, rate limit, idempotency and error text are REST's.
 */
import { ServerCallContext, type User } from "@a2a-js/sdk/server";
import type { AgentPrincipal } from "../auth/agent-door";
import type { ApiResult, OperationCall } from "../http/in-process";

export type A2aVersion = "1.0" | "0.3";

export interface A2aCaller {
  principal: AgentPrincipal;
  /** The Worker's origin, for the card's URLs and the extension URI. */
  origin: string;
  version: A2aVersion;
  run<T>(call: Omit<OperationCall, "credentials">): Promise<ApiResult<T>>;
  /** A streaming GET (the task's Server-Sent Events), answered as the app answered it. */
  open(path: string): Promise<Response>;
}

const CALLER_KEY = "taskhive.caller";

class AgentUser implements User {
  constructor(private readonly agentId: number) {}
  get isAuthenticated(): boolean {
    return true;
  }
  get userName(): string {
    return `agent:${this.agentId}`;
  }
}

export function contextFor(caller: A2aCaller): ServerCallContext {
  return new ServerCallContext({
    user: new AgentUser(caller.principal.agent.id),
    requestedVersion: caller.version,
    state: new Map([[CALLER_KEY, caller]]),
  });
}

export function callerOf(context: ServerCallContext): A2aCaller {
  const caller = context.state.get(CALLER_KEY) as A2aCaller | undefined;
  if (!caller) throw new Error("A2A request reached the handler without the agent door");
  return caller;
}
