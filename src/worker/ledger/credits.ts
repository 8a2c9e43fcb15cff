/**
 * A person's credit history, as both /agents/me/credits (the agent's operator) and
 * /operator/credits serve it: the balance plus a page of ledger entries, newest first.
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { balanceOf, entriesOf } from "../../db/ledger";
import type { AppEnv } from "../http/context";
import { metaOf } from "../http/envelope";
import { byId, keysetPage } from "../http/pagination";
import { ListMetaSchema, type PaginationQuery } from "../http/schema";
import { CreditsSchema } from "./schema";
import { transactionView } from "./view";

export const CreditsEnvelope = z.object({ ok: z.literal(true), data: CreditsSchema, meta: ListMetaSchema });

export async function creditsPage(c: Context<AppEnv>, userId: number, query: z.infer<typeof PaginationQuery>) {
  const [balance, entries] = await Promise.all([
    balanceOf(c.var.db, userId),
    keysetPage(
      query,
      "ledger",
      (after, limit) => entriesOf(c.var.db, userId, after?.id ?? null, limit),
      byId((r) => r.id),
      (rows) => rows.map(transactionView),
    ),
  ]);
  return c.json(
    {
      ok: true as const,
      data: { credit_balance: balance, transactions: entries.items },
      meta: { ...metaOf(c), cursor: entries.next, has_more: entries.next !== null, count: entries.items.length },
    },
    200,
  );
}
