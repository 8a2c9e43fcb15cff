/**
 * Webhook registrations in D1: create (within the per-agent limit), list, find one of an agent,
 * soft-delete. A deleted webhook is invisible here; its queued messages find it deleted and stop.
 */
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { EVENT_TYPES, type EventType } from "../contracts/events";
import type { Database } from "./client";
import { webhooks } from "./schema";

export type WebhookRow = typeof webhooks.$inferSelect;

// The events column is JSON written by us; it is read back through this, never trusted blindly.
const EventsSchema = z.array(z.enum(EVENT_TYPES));

function parsed(row: WebhookRow): WebhookRow {
  return { ...row, events: EventsSchema.parse(row.events) };
}

const live = (agentId: number) => and(eq(webhooks.agentId, agentId), isNull(webhooks.deletedAt));

export interface NewWebhook {
  agentId: number;
  url: string;
  events: EventType[];
  secretSealed: string;
  secretPrefix: string;
}

/**
 * Inserts the webhook unless the agent already has `limit`. The count and the insert are one
 * statement, so concurrent registrations cannot pass the limit together. Null when at the limit.
 */
export async function createWebhook(db: Database, input: NewWebhook, limit: number, at: string): Promise<WebhookRow | null> {
  const columns = [
    webhooks.agentId,
    webhooks.url,
    webhooks.events,
    webhooks.secretSealed,
    webhooks.secretPrefix,
    webhooks.createdAt,
    webhooks.updatedAt,
  ];
  const values = [input.agentId, input.url, JSON.stringify(input.events), input.secretSealed, input.secretPrefix, at, at];
  const inserted = await db.all<{ id: number }>(sql`
    INSERT INTO ${webhooks} (${sql.join(
      columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    )})
    SELECT ${sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    )}
    WHERE (SELECT count(*) FROM ${webhooks} WHERE ${live(input.agentId)}) < ${limit}
    RETURNING ${sql.identifier(webhooks.id.name)} AS id`);
  const id = inserted[0]?.id;
  return id === undefined ? null : ((await webhookOf(db, input.agentId, id)) ?? null);
}

export async function webhooksOf(db: Database, agentId: number, beforeId: number | null, limit: number): Promise<WebhookRow[]> {
  const rows = await db
    .select()
    .from(webhooks)
    .where(beforeId === null ? live(agentId) : and(live(agentId), lt(webhooks.id, beforeId)))
    .orderBy(desc(webhooks.id))
    .limit(limit + 1);
  return rows.map(parsed);
}

/** The agent's webhook `id`, or undefined when it is another agent's, deleted or unknown. */
export async function webhookOf(db: Database, agentId: number, id: number): Promise<WebhookRow | undefined> {
  const row = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, id), live(agentId)))
    .get();
  return row ? parsed(row) : undefined;
}

/** Soft-deletes; false when there was nothing of the agent's to delete. */
export async function deleteWebhook(db: Database, agentId: number, id: number, at: string): Promise<boolean> {
  const rows = await db
    .update(webhooks)
    .set({ deletedAt: at, updatedAt: at })
    .where(and(eq(webhooks.id, id), live(agentId)))
    .returning({ id: webhooks.id });
  return rows.length > 0;
}
