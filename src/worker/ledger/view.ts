/**
 * How a ledger entry appears in the API, beside its schema (schema.ts): the return type is inferred from the zod
 * schema, so a view that drifts from the documented shape does not compile.
 */
import type { z } from "@hono/zod-openapi";
import type { ledgerEntries } from "../../db/schema";
import type { CreditTransactionSchema } from "./schema";

type EntryRow = Pick<typeof ledgerEntries.$inferSelect, "id" | "amount" | "type" | "description" | "taskId" | "balanceAfter" | "createdAt">;

export function transactionView(e: EntryRow): z.infer<typeof CreditTransactionSchema> {
  return {
    id: e.id,
    amount: e.amount,
    type: e.type,
    description: e.description,
    task_id: e.taskId,
    balance_after: e.balanceAfter,
    created_at: e.createdAt,
  };
}
