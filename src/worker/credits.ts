/**
 * A person's credit history, as both /agents/me/credits (the agent's operator) and
 * /operator/credits serve it: the balance plus a page of ledger entries, newest first.
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { balanceOf, entriesOf } from "../db/ledger";
import type { AppEnv } from "./context";
import { metaOf } from "./envelope";
import { cutPage, readCursor } from "./pagination";
import { CreditsSchema } from "./schemas/agent";
import { ListMetaSchema, type PaginationQuery } from "./schemas/common";
import { transactionView } from "./views";

export const CreditsEnvelope = z.object({ ok: z.literal(true), data: CreditsSchema, meta: ListMetaSchema });

export async function creditsPage(c: Context<AppEnv>, userId: number, query: z.infer<typeof PaginationQuery>) {
  const after = readCursor(query.cursor, "ledger");
  const [balance, rows] = await Promise.all([balanceOf(c.var.db, userId), entriesOf(c.var.db, userId, after?.id ?? null, query.limit)]);
  const cut = cutPage(rows, query.limit, "ledger", (r) => ({ value: r.id, id: r.id }));
  return c.json(
    {
      ok: true as const,
      data: { credit_balance: balance, transactions: cut.items.map(transactionView) },
      meta: { ...metaOf(c), cursor: cut.next, has_more: cut.next !== null, count: cut.items.length },
    },
    200,
  );
}
