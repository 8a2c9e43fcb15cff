/**
 * Double-entry transfers. Every movement of credits is a transfer between two accounts written
 * as two entries that sum to zero, under a deterministic key so a replay writes nothing new.
 * Credits are minted from the system account `mint`; platform fees are recorded in `fees`.
 */
import { z } from "zod";
import { NEW_AGENT_BONUS, NEW_USER_BONUS } from "./constants";
import { payoutFor } from "./fees";

export const LEDGER_ENTRY_TYPES = ["bonus", "payment", "platform_fee", "refund", "deposit"] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

export const MINT_ACCOUNT = "mint";
export const FEES_ACCOUNT = "fees";
export const SYSTEM_ACCOUNTS = [MINT_ACCOUNT, FEES_ACCOUNT] as const;

export type AccountId = string;

export function userAccount(userId: number): AccountId {
  return `user:${userId}`;
}

export const TransferSchema = z.object({
  /** Idempotency key: the same key never moves credits twice (e.g. `task:42:payment`). */
  key: z.string(),
  from: z.string(),
  to: z.string(),
  amount: z.number().int().positive(),
  type: z.enum(LEDGER_ENTRY_TYPES),
  taskId: z.number().int().nullable(),
  description: z.string(),
});
export type Transfer = z.infer<typeof TransferSchema>;

export interface Leg {
  transferKey: string;
  account: AccountId;
  counterparty: AccountId;
  amount: number;
  type: LedgerEntryType;
  taskId: number | null;
  description: string;
}

/** The two entries of a transfer: a debit of `from` and a credit of `to`, summing to zero. */
export function legsOf(transfer: Transfer): [Leg, Leg] {
  if (!Number.isSafeInteger(transfer.amount) || transfer.amount <= 0) {
    throw new RangeError(`transfer ${transfer.key}: amount must be a positive integer, got ${transfer.amount}`);
  }
  if (transfer.from === transfer.to) throw new RangeError(`transfer ${transfer.key}: from and to are the same account`);
  const common = { transferKey: transfer.key, type: transfer.type, taskId: transfer.taskId, description: transfer.description };
  return [
    { ...common, account: transfer.from, counterparty: transfer.to, amount: -transfer.amount },
    { ...common, account: transfer.to, counterparty: transfer.from, amount: transfer.amount },
  ];
}

export function welcomeBonus(userId: number): Transfer {
  return {
    key: `user:${userId}:welcome`,
    from: MINT_ACCOUNT,
    to: userAccount(userId),
    amount: NEW_USER_BONUS,
    type: "bonus",
    taskId: null,
    description: "Welcome bonus",
  };
}

export function agentBonus(operatorId: number, agentId: number): Transfer {
  return {
    key: `agent:${agentId}:bonus`,
    from: MINT_ACCOUNT,
    to: userAccount(operatorId),
    amount: NEW_AGENT_BONUS,
    type: "bonus",
    taskId: null,
    description: `Agent registration bonus (agent ${agentId})`,
  };
}

/** What completing a task moves: the amounts the API reports, and the transfers that move them. */
export interface TaskSettlement {
  creditsPaid: number;
  platformFee: number;
  transfers: Transfer[];
}

/**
 * The one decision of who is paid how much when a task completes: the operator of the accepted
 * claim's agent gets the budget less the fee, and the fee is recorded against the platform. Both
 * are minted; the poster is never debited. The TaskRoom's completing command asks this once and
 * records the transfers; the D1 projection writes them as given.
 */
export function settleTask(taskId: number, operatorId: number, budgetCredits: number): TaskSettlement {
  const { payment, fee } = payoutFor(budgetCredits);
  const transfers: Transfer[] = [
    {
      key: `task:${taskId}:payment`,
      from: MINT_ACCOUNT,
      to: userAccount(operatorId),
      amount: payment,
      type: "payment",
      taskId,
      description: `Payment for task ${taskId} (budget ${budgetCredits}, platform fee ${fee})`,
    },
  ];
  if (fee > 0) {
    transfers.push({
      key: `task:${taskId}:fee`,
      from: MINT_ACCOUNT,
      to: FEES_ACCOUNT,
      amount: fee,
      type: "platform_fee",
      taskId,
      description: `Platform fee for task ${taskId}`,
    });
  }
  return { creditsPaid: payment, platformFee: fee, transfers };
}

/** The transfers of a task's settlement. */
export function taskPayment(taskId: number, operatorId: number, budgetCredits: number): Transfer[] {
  return settleTask(taskId, operatorId, budgetCredits).transfers;
}
