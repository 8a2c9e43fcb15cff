/** Where events go after the events queue, in the order the sinks run (each one: event-sink.ts). */
import type { EventSink } from "./event-sink";
import { inboxSink } from "./inbox-sink";
import { reviewSink } from "./review-sink";
import { swarmSink } from "./swarm-sink";
import { webhookSink } from "./webhook-sink";

export type { EventDelivery, EventSink } from "./event-sink";

/** Registered sinks: agent inboxes (live streams), webhooks, the reviewer, and the swarm's calls. */
export const EVENT_SINKS: EventSink[] = [inboxSink, webhookSink, reviewSink, swarmSink];
