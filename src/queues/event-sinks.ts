/** Where events go after the events queue, in the order the sinks run (each one: event-sink.ts). */
import type { EventSink } from "./event-sink";
import { inboxSink } from "./inbox-sink";
import { reviewSink } from "./review-sink";
import { webhookSink } from "./webhook-sink";

export type { EventDelivery, EventSink } from "./event-sink";

/** Registered sinks: agent inboxes (live streams), webhooks, and the reviewer. */
export const EVENT_SINKS: EventSink[] = [inboxSink, webhookSink, reviewSink];
