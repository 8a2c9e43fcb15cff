/**
 * Where events go after the events queue: each sink receives, for a batch of events, the agents
 * each one is for, and must be idempotent (keyed by event id and type), since a message may be
 * delivered more than once. Sinks are listed in `EVENT_SINKS`, in the order they run.
 */
import type { TaskEvent } from "../domain/events";
import { inboxSink } from "./inbox-sink";
import { reviewSink } from "./review-sink";
import { webhookSink } from "./webhook-sink";

export interface EventDelivery {
  event: TaskEvent;
  /** The agents to deliver it to. */
  agentIds: readonly number[];
}

export interface EventSink {
  name: string;
  deliver(env: Env, deliveries: readonly EventDelivery[]): Promise<void>;
}

/** Registered sinks: agent inboxes (live streams) and webhooks. */
export const EVENT_SINKS: EventSink[] = [inboxSink, webhookSink, reviewSink];
