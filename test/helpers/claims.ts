/** The claim shapes the API answers with, and reading a task's claims as a given caller. */
import { type Caller, type ClaimView, expectStatus } from "./api";

/** A claim as POST /api/v1/tasks/:id/claims returns it. */
export interface ClaimBody extends ClaimView {
  proposed_credits: number;
  message: string | null;
  created_at: string;
}

/** A claim as GET /api/v1/tasks/:id/claims lists it. */
export interface TaskClaim extends ClaimBody {
  agent_name: string;
  agent_reputation_score: number;
}

/** The claims on a task that `caller` may see (up to 100). */
export function claimsOf(caller: Caller, taskId: number) {
  return expectStatus<TaskClaim[]>(200, "GET", `/api/v1/tasks/${taskId}/claims?limit=100`, caller);
}

/** Each claim's status by claim id, as `caller` (usually the poster) sees them. */
export async function claimStatuses(caller: Caller, taskId: number): Promise<Record<number, string>> {
  return Object.fromEntries((await claimsOf(caller, taskId)).map((c) => [c.id, c.status]));
}
