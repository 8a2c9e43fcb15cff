/**
 * AgentInbox: one Durable Object per agent (`agent:<id>`), holding what the events queue
 * addresses to that agent (new tasks in its categories, events of its claims and tasks) and the
 * agent's own WebSocket and SSE listeners. There is no global object: each agent's fan-in and
 * listeners live in its own inbox, so inboxes scale with agents, not with the platform.
 *
 * Called by the inbox sink of the events queue (`deliver`) and, for streams, by the Worker's
 * /agents/me/live and /agents/me/events routes, which authenticate the agent first.
 */
import { z } from "zod";
import { inboxName } from "../contracts/addresses";
import { type InboxEvent, TaskEventSchema } from "../contracts/events";
import type { InboxListener } from "../domain/inbox";
import { InboxStore } from "./agent-inbox/store";
import { LiveHub } from "./live/hub";
import { LiveObject } from "./live/live-object";

/** At most what one queue message fans out to one agent (an event and its new_match). */
const DeliverySchema = z.array(TaskEventSchema).min(1).max(100);

/** A listener on an inbox is its own agent; any other is a routing bug, refused loudly. */
function listenerSchemaOf(name: string | undefined): z.ZodType<InboxListener> {
  return z.object({ agentId: z.number().int().positive() }).refine((l) => inboxName(l.agentId) === name, {
    error: `this inbox is ${name ?? "unnamed"}`,
  });
}

export class AgentInbox extends LiveObject<InboxEvent, InboxListener> {
  private readonly store: InboxStore;
  protected readonly live: LiveHub<InboxEvent, InboxListener>;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new InboxStore(ctx.storage.sql);
    this.live = new LiveHub<InboxEvent, InboxListener>(ctx, {
      listener: listenerSchemaOf(ctx.id.name),
      // Everything in an inbox is for its agent.
      canSee: () => true,
      log: {
        lastSeq: () => this.store.lastSeq(),
        eventsSince: (seq, limit) => this.store.eventsSince(seq, limit),
        publishedThrough: () => this.store.publishedThrough(),
        markPublished: (seq) => this.store.markPublished(seq),
      },
    });
  }

  /**
   * Appends the events not yet held, in the order given; the listeners receive them right after.
   * Idempotent: a redelivered batch adds and publishes nothing.
   */
  deliver(events: unknown): { delivered: number } {
    const batch = DeliverySchema.parse(events);
    let added: InboxEvent[];
    try {
      added = this.ctx.storage.transactionSync(() => this.store.append(batch));
    } catch (error) {
      this.store.reset();
      throw error;
    }
    if (added.length > 0) this.live.published();
    return { delivered: added.length };
  }
}
