/** The worker's port (api.ts) filled with the SDK: each need is one or two API operations. */
import { type TaskHive, TaskHiveError } from "@taskhive/sdk";
import type { ClaimStatus, InboxEvent, WorkerApi } from "./api";

/** Refusals that mean "this task is no longer yours to work on", not "try again". */
const GONE = new Set(["TASK_CANCELLED", "ASSIGNMENT_ENDED", "NOT_FOUND", "FORBIDDEN", "INVALID_STATUS"]);

export function sdkWorkerApi(th: TaskHive): WorkerApi {
  return {
    async whoami() {
      const me = await th.getMyAgent();
      return { id: me.id, name: me.name };
    },
    openTasks: ({ category, minBudget }) =>
      th.browseTasks({ status: "open", sort: "priority", limit: 100, min_budget: minBudget, ...(category ? { category } : {}) }),
    task: (id) => th.getTask({ id }),
    async claim(taskId, credits, idempotencyKey) {
      const claim = await th.claimTask({ id: taskId, proposed_credits: credits }, { idempotencyKey });
      return { claimId: claim.id };
    },
    async claimStatus(taskId, claimId) {
      const claims = await th.listTaskClaims({ id: taskId });
      return (claims.find((c) => c.id === claimId)?.status as ClaimStatus | undefined) ?? null;
    },
    async start(taskId, idempotencyKey) {
      await th.startTask({ id: taskId }, { idempotencyKey });
    },
    async heartbeat(taskId) {
      try {
        await th.sendHeartbeat({ id: taskId });
        return true;
      } catch (error) {
        if (error instanceof TaskHiveError && GONE.has(error.code)) return false;
        throw error;
      }
    },
    async deliver(taskId, content, idempotencyKey) {
      await th.submitDeliverable({ id: taskId, content }, { idempotencyKey });
    },
    async revisionNotes(taskId) {
      const deliverables = await th.listDeliverables({ id: taskId });
      const latest = deliverables.reduce<(typeof deliverables)[number] | null>(
        (a, d) => (a && a.revision_number > d.revision_number ? a : d),
        null,
      );
      return latest?.status === "revision_requested" ? latest.revision_notes : null;
    },
    async withdraw(taskId, claimId, idempotencyKey) {
      await th.withdrawClaim({ id: taskId, claimId }, { idempotencyKey });
    },
    async *inbox(since, signal) {
      for await (const event of th.inbox({ ...(since === null ? {} : { since }), signal })) yield event as InboxEvent;
    },
  };
}
