/**
 * Webhook messages in D1: created from events (one per subscribed webhook, idempotently), from
 * pings and by redelivery, and read back for the deliveries log. Every function that puts a
 * message on the webhooks queue first bumps its `dispatch` number and returns it with the id:
 * the queue message carries that number, so only the latest dispatch of a message runs.
 */
import { and, asc, desc, eq, inArray, lt, type SQLWrapper, sql } from "drizzle-orm";
import { z } from "zod";
import { PING_TYPE, pingPayload, type WebhookPayload } from "../domain/webhook-payload";
import type { Database } from "./client";
import { asD1Statement } from "./compiled";
import { idSequences, webhookAttempts, webhookMessages, webhooks } from "./schema";

export type WebhookMessageRow = typeof webhookMessages.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;

/** A message to put on the webhooks queue. */
export interface Dispatch {
  id: number;
  dispatch: number;
}

const columns = (...list: { name: string }[]) =>
  sql.join(
    list.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
/** `column IN (ids)` with the ids as one JSON parameter: D1 caps bound parameters at 100, fan-outs exceed it. */
const inIds = (column: SQLWrapper, ids: readonly number[]) => sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

const DispatchRows = z.array(z.object({ id: z.number().int(), dispatch: z.number().int() }));

/**
 * Turns one event into messages for the active webhooks of `agentIds` subscribed to its type,
 * and returns every one of its messages still pending, freshly dispatched. A message that
 * already exists is left as it is (the unique key); one still pending is dispatched again,
 * since the event is only seen twice when its first handling may not have reached the queue.
 * Both statements run in one D1 batch (one round trip, one transaction); it goes to D1 directly
 * because drizzle's batch cannot bind parameters of a raw SQL statement.
 */
export async function messagesForEvent(
  db: Database,
  d1: D1Database,
  event: Pick<WebhookPayload, "id" | "type">,
  payload: string,
  agentIds: readonly number[],
  at: string,
): Promise<Dispatch[]> {
  const m = webhookMessages;
  const insert = db
    .run(sql`
      INSERT INTO ${m} (${columns(m.webhookId, m.eventId, m.eventType, m.payload, m.status, m.createdAt, m.updatedAt)})
      SELECT ${webhooks.id}, ${event.id}, ${event.type}, ${payload}, 'pending', ${at}, ${at} FROM ${webhooks}
      WHERE ${inIds(webhooks.agentId, agentIds)} AND ${webhooks.isActive} = 1 AND ${webhooks.deletedAt} IS NULL
        AND EXISTS (SELECT 1 FROM json_each(${webhooks.events}) WHERE value = ${event.type})
      ON CONFLICT DO NOTHING`)
    .getQuery();
  const subscribed = db.select({ id: webhooks.id }).from(webhooks).where(inIds(webhooks.agentId, agentIds));
  const redispatch = db
    .update(m)
    .set({ dispatch: sql`${m.dispatch} + 1`, updatedAt: at })
    .where(and(eq(m.eventId, event.id), eq(m.eventType, event.type), eq(m.status, "pending"), inArray(m.webhookId, subscribed)))
    .returning({ id: m.id, dispatch: m.dispatch });
  const [, dispatched] = await d1.batch([d1.prepare(insert.sql).bind(...insert.params), asD1Statement(d1, redispatch)]);
  return DispatchRows.parse(dispatched?.results ?? []);
}

/**
 * Which of `agentIds` have any webhook at all: only their events can create or redispatch a
 * message, so the events consumer asks once per batch instead of once per event.
 */
export async function agentsWithWebhooks(db: Database, agentIds: readonly number[]): Promise<Set<number>> {
  if (agentIds.length === 0) return new Set();
  const rows = await db.selectDistinct({ agentId: webhooks.agentId }).from(webhooks).where(inIds(webhooks.agentId, agentIds));
  return new Set(rows.map((r) => r.agentId));
}

/** A new ping message for `webhookId`, dispatched once. Ping numbers come from id_sequences. */
export async function createPing(db: Database, webhookId: number, at: string): Promise<Dispatch> {
  const [seq] = await db
    .insert(idSequences)
    .values({ name: "webhook_pings", value: 1 })
    .onConflictDoUpdate({ target: idSequences.name, set: { value: sql`${idSequences.value} + 1` } })
    .returning({ value: idSequences.value });
  if (!seq) throw new Error("webhook_pings sequence returned nothing");
  const payload = pingPayload(seq.value, webhookId, at);
  const [row] = await db
    .insert(webhookMessages)
    .values({
      webhookId,
      eventId: payload.id,
      eventType: PING_TYPE,
      payload: JSON.stringify(payload),
      status: "pending",
      dispatch: 1,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: webhookMessages.id, dispatch: webhookMessages.dispatch });
  if (!row) throw new Error("ping insert returned nothing");
  return row;
}

/** Puts a message back to pending under a new dispatch number; any retries still queued become stale. */
export async function requeueMessage(db: Database, id: number, at: string): Promise<Dispatch> {
  const [row] = await db
    .update(webhookMessages)
    .set({ status: "pending", dispatch: sql`${webhookMessages.dispatch} + 1`, updatedAt: at })
    .where(eq(webhookMessages.id, id))
    .returning({ id: webhookMessages.id, dispatch: webhookMessages.dispatch });
  if (!row) throw new Error(`webhook message ${id} vanished`);
  return row;
}

/** A page of a webhook's messages, newest first (one extra row says whether more follow). */
export function messagesOf(db: Database, webhookId: number, beforeId: number | null, limit: number): Promise<WebhookMessageRow[]> {
  const mine = eq(webhookMessages.webhookId, webhookId);
  return db
    .select()
    .from(webhookMessages)
    .where(beforeId === null ? mine : and(mine, lt(webhookMessages.id, beforeId)))
    .orderBy(desc(webhookMessages.id))
    .limit(limit + 1);
}

export function messageOf(db: Database, webhookId: number, id: number): Promise<WebhookMessageRow | undefined> {
  return db
    .select()
    .from(webhookMessages)
    .where(and(eq(webhookMessages.id, id), eq(webhookMessages.webhookId, webhookId)))
    .get();
}

/** Every attempt of the given messages, oldest first. */
export function attemptsOf(db: Database, messageIds: readonly number[]): Promise<WebhookAttemptRow[]> {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db.select().from(webhookAttempts).where(inIds(webhookAttempts.messageId, messageIds)).orderBy(asc(webhookAttempts.id));
}
