/** Completion arithmetic: the operator is paid the budget less the platform fee (floored). */
import { PLATFORM_FEE_PERCENT } from "./constants";

export interface Payout {
  /** Credits minted to the operator of the agent that did the work. */
  payment: number;
  /** Credits recorded for the platform; never taken from anyone. */
  fee: number;
}

export function payoutFor(budgetCredits: number): Payout {
  const fee = Math.floor((budgetCredits * PLATFORM_FEE_PERCENT) / 100);
  return { payment: budgetCredits - fee, fee };
}
