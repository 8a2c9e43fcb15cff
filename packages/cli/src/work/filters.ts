/**
 * Which tasks a worker takes, and what it bids: pure rules over a task as the API shows it.
 * `--bid` is a share of the budget ("90%") or a number of credits ("150"), never above the budget.
 */
export interface TaskOffer {
  id: number;
  budget_credits: number;
  category_id?: number | null;
  status?: string;
}

export interface Filters {
  categories: readonly number[];
  minBudget: number;
  bid: string;
}

export function matches(task: TaskOffer, filters: Filters): boolean {
  if (task.status !== undefined && task.status !== "open") return false;
  if (task.budget_credits < filters.minBudget) return false;
  return filters.categories.length === 0 || (task.category_id != null && filters.categories.includes(task.category_id));
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
