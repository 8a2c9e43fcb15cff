/**
 * The webhooks sink: for each event delivery, the active webhooks of its agents that subscribe to
 * its type get a message (one per webhook and event, so a redelivered event creates nothing new),
 * and every message still pending is put on the webhooks queue, whose consumer makes the HTTP
 * calls. Nothing here waits on a receiver, so no receiver can slow the events queue or the
 * request that caused the event.
 */
import { database } from "../db/client";
import { agentsWithWebhooks, type Dispatch, messagesForEvent } from "../db/webhook-messages";
import { eventPayload } from "../domain/webhook-payload";
import type { EventSink } from "./event-sink";
import { enqueueDeliveries } from "./webhook-message";

export const webhookSink: EventSink = {
  name: "webhooks",
  async deliver(env, deliveries) {
    const db = database(env.DB);
    const at = new Date().toISOString();
    const dispatches: Dispatch[] = [];
    const hooked = await agentsWithWebhooks(db, [...new Set(deliveries.flatMap((d) => d.agentIds))]);
    for (const { event, agentIds } of deliveries) {
      const receivers = agentIds.filter((id) => hooked.has(id));
      if (receivers.length === 0) continue;
      dispatches.push(...(await messagesForEvent(db, env.DB, event, JSON.stringify(eventPayload(event)), receivers, at)));
    }
    await enqueueDeliveries(env.WEBHOOKS, dispatches);
  },
};
