/**
 * The events queue's sink for agent inboxes: each agent's events of a batch go to its own
 * AgentInbox in one call, in the order given, so an agent's inbox sees a task's events in
 * sequence. Inboxes deduplicate by event id and type, so a redelivered message is harmless;
 * a failed inbox fails the message, which the queue retries for every agent in it.
 */

import { inboxOf } from "../contracts/addresses";
import type { TaskEvent } from "../contracts/events";
import type { EventSink } from "./event-sink";

/**
 * Inbox calls in flight at once: a new task in a busy category fans out to every matching
 * agent, and one queue invocation may make only so many subrequests at a time.
 */
const CONCURRENCY = 25;

export const inboxSink: EventSink = {
  name: "agent inboxes",
  async deliver(env, deliveries) {
    const perAgent = new Map<number, TaskEvent[]>();
    for (const { event, agentIds } of deliveries) {
      for (const agentId of agentIds) {
        const events = perAgent.get(agentId) ?? [];
        events.push(event);
        perAgent.set(agentId, events);
      }
    }
    const calls = [...perAgent];
    const failures: unknown[] = [];
    for (let i = 0; i < calls.length; i += CONCURRENCY) {
      const results = await Promise.allSettled(
        calls.slice(i, i + CONCURRENCY).map(([agentId, events]) => inboxOf(env, agentId).deliver(events)),
      );
      for (const r of results) if (r.status === "rejected") failures.push(r.reason);
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} of ${calls.length} inboxes refused the batch`);
  },
};
