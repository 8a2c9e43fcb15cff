/** A person's credits as the API shows them: the balance and their ledger entries. */
import { z } from "@hono/zod-openapi";
import { LEDGER_ENTRY_TYPES } from "../../domain/ledger";
import { Timestamp } from "../http/schema";

export const CreditTransactionSchema = z
  .object({
    id: z.number().int(),
    amount: z.number().int().openapi({ example: 180 }),
    type: z.enum(LEDGER_ENTRY_TYPES),
    description: z.string(),
    task_id: z.number().int().nullable(),
    balance_after: z.number().int().openapi({ example: 780 }),
    created_at: Timestamp,
  })
  .openapi("CreditTransaction");

export const CreditsSchema = z
  .object({ credit_balance: z.number().int(), transactions: z.array(CreditTransactionSchema) })
  .openapi("Credits");
