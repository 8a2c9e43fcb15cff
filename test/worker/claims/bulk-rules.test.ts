import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, acceptClaim, claim, expectStatus, type Person, posterAndAgents, postTask } from "../../helpers/api";
import { type BulkItem, bulkClaim, bulkClaimRaw } from "../../helpers/bulk-claims";
import { claimStatuses } from "../../helpers/claims";
import { getTask } from "../../helpers/flows";
import { expectError } from "../../helpers/http";

let poster: Person, alpha: Agent, beta: Agent;

function later<T>(ms: number, run: () => Promise<T>): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, ms)).then(run);
}

/** Requires 422 VALIDATION_ERROR naming `field`, and returns its message. */
function validationMessage(result: Awaited<ReturnType<typeof bulkClaimRaw>>, field: string): string {
  const error = expectError(result, 422, "VALIDATION_ERROR");
  expect(error.details).toEqual({ field });
  return error.message;
}
beforeAll(async () => {
  [poster, alpha, beta] = await posterAndAgents("Alpha", "Beta");
});

describe("POST /api/v1/tasks/bulk/claims body validation", () => {
  it("refuses an empty list and one over ten items with 422 VALIDATION_ERROR", async () => {
    const task = await postTask(poster);
    expect(validationMessage(await bulkClaimRaw(alpha, { claims: [] }), "claims")).toBe("claims must have at least 1 item");
    const eleven = Array.from({ length: 11 }, () => ({ task_id: task.id, proposed_credits: 10 }));
    expect(validationMessage(await bulkClaimRaw(alpha, { claims: eleven }), "claims")).toBe("claims must have at most 10 items");
    expect((await getTask(poster, task.id)).claims_count).toBe(0);
  });

  it.each([
    [{}, "claims", "claims is required"],
    [{ claims: "all" }, "claims", "claims must be an array"],
    [{ claims: [{ proposed_credits: 10 }] }, "claims.0.task_id", "claims.0.task_id is required"],
    [{ claims: [{ task_id: "7", proposed_credits: 10 }] }, "claims.0.task_id", "claims.0.task_id must be a number"],
    [{ claims: [{ task_id: 0, proposed_credits: 10 }] }, "claims.0.task_id", "claims.0.task_id must be ≥ 1"],
    [{ claims: [{ task_id: 7 }] }, "claims.0.proposed_credits", "claims.0.proposed_credits is required"],
  ])("refuses %j with 422 naming %s", async (body, field, message) => {
    expect(validationMessage(await bulkClaimRaw(alpha, body), field)).toBe(message);
  });

  it("refuses the whole request when one item is malformed, placing no claim", async () => {
    const [good, bad] = [await postTask(poster), await postTask(poster)];
    const result = await bulkClaimRaw(alpha, {
      claims: [
        { task_id: good.id, proposed_credits: 10 },
        { task_id: bad.id, proposed_credits: 0 },
      ],
    });
    expect(validationMessage(result, "claims.1.proposed_credits")).toBe("claims.1.proposed_credits must be ≥ 1");
    expect((await getTask(poster, good.id)).claims_count).toBe(0);
  });

  it("refuses a task named twice with 422 naming the repeat, placing no claim", async () => {
    const [a, b] = [await postTask(poster), await postTask(poster)];
    const result = await bulkClaimRaw(alpha, {
      claims: [
        { task_id: a.id, proposed_credits: 10 },
        { task_id: b.id, proposed_credits: 10 },
        { task_id: a.id, proposed_credits: 20 },
      ],
    });
    expect(validationMessage(result, "claims.2.task_id")).toBe(
      `claims.2.task_id repeats task ${a.id} from claims.0; send each task once per request`,
    );
    for (const t of [a, b]) expect((await getTask(poster, t.id)).claims_count).toBe(0);
  });
});

describe("POST /api/v1/tasks/bulk/claims under concurrency", () => {
  it("races a poster's accept of another agent's claim: each item wins or is refused cleanly", async () => {
    // Negative: the bulk request starts that many ms after the accept; positive: the other way
    // round. Either may land first in the room, so both outcomes get their turn.
    for (const offset of [-40, -10, -2, 0, 2, 10, 40]) {
      const [contested, free] = [await postTask(poster), await postTask(poster)];
      const rival = await claim(beta, contested.id, 50);
      const items: BulkItem[] = [
        { task_id: contested.id, proposed_credits: 40 },
        { task_id: free.id, proposed_credits: 40 },
      ];
      const [answer] = await Promise.all([
        later(Math.max(-offset, 0), () => bulkClaim(alpha, items)),
        later(Math.max(offset, 0), () => acceptClaim(poster, contested.id, rival.id)),
      ]);
      const [onContested, onFree] = answer.results;

      expect(onFree?.ok).toBe(true);
      expect(answer.summary.total).toBe(2);
      const statuses = await claimStatuses(poster, contested.id);
      expect(statuses[rival.id]).toBe("accepted");
      if (onContested?.ok) {
        // Placed before the accept, which then rejected it with every other pending claim.
        expect(statuses[onContested.claim_id]).toBe("rejected");
        expect(answer.summary).toEqual({ succeeded: 2, failed: 0, total: 2 });
      } else {
        expect(onContested?.error).toMatchObject({ code: "TASK_NOT_OPEN", details: { current_status: "claimed" } });
        expect(Object.keys(statuses)).toHaveLength(1);
        expect(answer.summary).toEqual({ succeeded: 1, failed: 1, total: 2 });
      }
      const task = await getTask(poster, contested.id);
      expect(task).toMatchObject({ status: "claimed", claimed_by_agent_id: beta.id });
      expect(task.claims_count).toBe(Object.keys(statuses).length);
    }
  });

  it("places one claim per task when the same agent sends overlapping bulk requests at once", async () => {
    const tasks = [await postTask(poster), await postTask(poster), await postTask(poster)];
    const items = tasks.map((t) => ({ task_id: t.id, proposed_credits: 25 }));
    const answers = await Promise.all([bulkClaim(alpha, items), bulkClaim(alpha, [...items].reverse())]);
    for (const t of tasks) {
      const results = answers.flatMap((a) => a.results.filter((r) => r.task_id === t.id));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.error.code))).toEqual(["DUPLICATE_CLAIM"]);
      expect((await getTask(poster, t.id)).claims_count).toBe(1);
    }
    expect(answers[0]?.summary.succeeded ?? 0).toBe(3 - (answers[1]?.summary.succeeded ?? 0));
  });

  it("leaves every placed claim usable: the poster can accept one from a bulk request", async () => {
    const task = await postTask(poster);
    const answer = await bulkClaim(alpha, [{ task_id: task.id, proposed_credits: 30 }]);
    const [result] = answer.results;
    if (!result?.ok) throw new Error(JSON.stringify(result));
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/claims/${result.claim_id}/accept`, poster);
    expect(await getTask(poster, task.id)).toMatchObject({ status: "claimed", claimed_by_agent_id: alpha.id });
  });
});
