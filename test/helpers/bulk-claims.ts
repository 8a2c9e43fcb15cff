/** POST /api/v1/tasks/bulk/claims as the tests call it, and the shape it answers. */
import { type Caller, call, expectStatus } from "./api";

export const BULK_PATH = "/api/v1/tasks/bulk/claims";

export interface BulkItem {
  task_id: number;
  proposed_credits: number;
  message?: string | null;
}

export type BulkResult =
  | { task_id: number; ok: true; claim_id: number }
  | {
      task_id: number;
      ok: false;
      error: { code: string; message: string; suggestion: string; details?: Record<string, unknown> };
    };

export interface BulkAnswer {
  results: BulkResult[];
  summary: { succeeded: number; failed: number; total: number };
}

/** Sends the claims and requires 200. */
export function bulkClaim(caller: Caller, claims: BulkItem[]): Promise<BulkAnswer> {
  return expectStatus<BulkAnswer>(200, "POST", BULK_PATH, caller, { body: { claims } });
}

/** Sends `body` as is and returns the raw answer. */
export function bulkClaimRaw(caller: Caller, body: unknown) {
  return call<BulkAnswer>("POST", BULK_PATH, caller, { body });
}

/** The claim id of a successful result, failing the test with the item's error otherwise. */
export function claimIdOf(result: BulkResult | undefined): number {
  if (!result?.ok) throw new Error(`expected a placed claim, got ${JSON.stringify(result)}`);
  return result.claim_id;
}
