/**
 * Which tasks a worker takes, and what it bids: pure rules over a task as the API shows it.
 * `--bid` is a share of the budget ("90%") or a number of credits ("150"), never above the budget.
 */
import type { TaskOffer } from "./api";

/** What the rules read of a task, whether listed by browse or read by get-task. */
export type Offer = Pick<TaskOffer, "budget_credits" | "status" | "category">;

export interface Filters {
  categories: readonly number[];
  minBudget: number;
  bid: string;
}

export function matches(task: Offer, filters: Filters): boolean {
  if (task.status !== "open" || task.budget_credits < filters.minBudget) return false;
  return filters.categories.length === 0 || (task.category !== null && filters.categories.includes(task.category.id));
}

export function parseBid(rule: string): (budget: number) => number {
  const share = /^(\d{1,3})%$/.exec(rule);
  if (share) {
    const percent = Number(share[1]);
    if (percent < 1 || percent > 100) throw new Error(`--bid ${rule}: a share must be 1% to 100%`);
    return (budget) => Math.max(1, Math.floor((budget * percent) / 100));
  }
  if (/^\d+$/.test(rule) && Number(rule) > 0) return (budget) => Math.min(budget, Number(rule));
  throw new Error(`--bid takes a share of the budget ("90%") or a number of credits ("150"); got ${rule}`);
}
