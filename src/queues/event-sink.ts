/**
 * What a sink of the events queue is: it receives, for a batch of events, the agents each one is
 * for, and must be idempotent (keyed by event id and type), since a message may be delivered more
 * than once.
 */
import type { TaskEvent } from "../contracts/events";

export interface EventDelivery {
  event: TaskEvent;
  /** The agents to deliver it to. */
  agentIds: readonly number[];
}

export interface EventSink {
  name: string;
  deliver(env: Env, deliveries: readonly EventDelivery[]): Promise<void>;
}
