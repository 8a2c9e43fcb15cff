import { beforeAll, describe, expect, it } from "vitest";
import { type Agent, claim, createAgent, type Person, posterAndAgents, postTask, type TaskView } from "../../helpers/api";
import { bulkClaim, bulkClaimRaw, claimIdOf } from "../../helpers/bulk-claims";
import { claimsOf } from "../../helpers/claims";
import { expectError, getTask, taskInStatus } from "../../helpers/flows";

let poster: Person, alpha: Agent, beta: Agent;
beforeAll(async () => {
  [poster, alpha, beta] = await posterAndAgents("Alpha", "Beta");
});

describe("POST /api/v1/tasks/bulk/claims", () => {
  it("applies each item on its own: claim ids for successes, full error objects for refusals, in order", async () => {
    const first = await postTask(poster, { budget_credits: 200 });
    const { task: claimed } = await taskInStatus(poster, beta, "claimed");
    const alreadyBid = await postTask(poster);
    const earlier = await claim(alpha, alreadyBid.id, 60);
    const small = await postTask(poster, { budget_credits: 50 });
    const own = await postTask(alpha.operator);
    const last = await postTask(poster);

    const answer = await bulkClaim(alpha, [
      { task_id: first.id, proposed_credits: 180, message: "First in line" },
      { task_id: 999999, proposed_credits: 10 },
      { task_id: claimed.id, proposed_credits: 10 },
      { task_id: alreadyBid.id, proposed_credits: 70 },
      { task_id: small.id, proposed_credits: 80 },
      { task_id: own.id, proposed_credits: 10 },
      { task_id: last.id, proposed_credits: 20, message: null },
    ]);

    expect(answer.results.map((r) => r.task_id)).toEqual([first.id, 999999, claimed.id, alreadyBid.id, small.id, own.id, last.id]);
    expect(answer.summary).toEqual({ succeeded: 2, failed: 5, total: 7 });
    expect(answer.results[0]).toEqual({ task_id: first.id, ok: true, claim_id: expect.any(Number) });
    expect(answer.results[6]).toEqual({ task_id: last.id, ok: true, claim_id: expect.any(Number) });
    expect(answer.results.slice(1, 6)).toEqual([
      {
        task_id: 999999,
        ok: false,
        error: {
          code: "TASK_NOT_FOUND",
          message: "Task 999999 does not exist",
          suggestion: "Use GET /api/v1/tasks to browse available tasks",
        },
      },
      {
        task_id: claimed.id,
        ok: false,
        error: {
          code: "TASK_NOT_OPEN",
          message: `Task ${claimed.id} is not open (current status: claimed)`,
          suggestion: "Browse open tasks with GET /api/v1/tasks?status=open",
          details: { current_status: "claimed" },
        },
      },
      {
        task_id: alreadyBid.id,
        ok: false,
        error: {
          code: "DUPLICATE_CLAIM",
          message: `You already have a pending claim on task ${alreadyBid.id}`,
          suggestion: "Check your claims with GET /api/v1/agents/me/claims",
          details: { claim_id: earlier.id },
        },
      },
      {
        task_id: small.id,
        ok: false,
        error: {
          code: "INVALID_CREDITS",
          message: "proposed_credits (80) exceeds task budget (50)",
          suggestion: "Propose credits ≤ 50",
          details: { field: "proposed_credits", max: 50 },
        },
      },
      {
        task_id: own.id,
        ok: false,
        error: {
          code: "SELF_CLAIM",
          message: `Task ${own.id} was posted by your own operator; an agent cannot claim its operator's task`,
          suggestion: "Browse tasks from other posters with GET /api/v1/tasks",
        },
      },
    ]);

    // The successes are real pending claims with what was sent; the refusals changed nothing.
    const [placedFirst] = await claimsOf(poster, first.id);
    expect(placedFirst).toMatchObject({
      id: claimIdOf(answer.results[0]),
      agent_id: alpha.id,
      proposed_credits: 180,
      message: "First in line",
      status: "pending",
    });
    const [placedLast] = await claimsOf(poster, last.id);
    expect(placedLast).toMatchObject({ id: claimIdOf(answer.results[6]), proposed_credits: 20, message: null, status: "pending" });
    expect((await claimsOf(poster, alreadyBid.id)).map((c) => [c.id, c.proposed_credits])).toEqual([[earlier.id, 60]]);
    expect((await getTask(poster, small.id)).claims_count).toBe(0);
    expect((await getTask(poster, claimed.id)).claims_count).toBe(1);
  });

  it("keeps the order sent for ten items, whatever order the rooms answer in", async () => {
    const tasks: TaskView[] = [];
    for (let i = 0; i < 10; i++) tasks.push(await postTask(poster, { budget_credits: 10 + i }));
    // Every other item over budget, in an order unrelated to the ids.
    const order = [7, 2, 9, 0, 5, 3, 8, 1, 6, 4];
    const items = order.map((i) => ({ task_id: tasks[i]?.id ?? 0, proposed_credits: i % 2 === 0 ? 10 : 100 }));
    const answer = await bulkClaim(alpha, items);
    expect(answer.results.map((r) => [r.task_id, r.ok])).toEqual(items.map((item, k) => [item.task_id, (order[k] ?? 0) % 2 === 0]));
    expect(answer.summary).toEqual({ succeeded: 5, failed: 5, total: 10 });
  });

  it("answers 200 when every item is refused", async () => {
    const answer = await bulkClaim(alpha, [
      { task_id: 999998, proposed_credits: 10 },
      { task_id: 999997, proposed_credits: 10 },
    ]);
    expect(answer.summary).toEqual({ succeeded: 0, failed: 2, total: 2 });
    expect(answer.results.map((r) => (r.ok ? null : r.error.code))).toEqual(["TASK_NOT_FOUND", "TASK_NOT_FOUND"]);
  });

  it("lets several agents bulk-claim the same tasks", async () => {
    const tasks = [await postTask(poster), await postTask(poster)];
    const items = tasks.map((t) => ({ task_id: t.id, proposed_credits: 50 }));
    const answers = await Promise.all([bulkClaim(alpha, items), bulkClaim(beta, items)]);
    expect(answers.map((a) => a.summary)).toEqual([
      { succeeded: 2, failed: 0, total: 2 },
      { succeeded: 2, failed: 0, total: 2 },
    ]);
    for (const t of tasks) expect((await getTask(poster, t.id)).claims_count).toBe(2);
  });

  it("works for an agent whose operator has other agents", async () => {
    const sibling = await createAgent(alpha.operator);
    const task = await postTask(poster);
    const answer = await bulkClaim(sibling, [{ task_id: task.id, proposed_credits: 30 }]);
    expect((await claimsOf(poster, task.id)).map((c) => [c.id, c.agent_id])).toEqual([[claimIdOf(answer.results[0]), sibling.id]]);
  });

  it("refuses an anonymous caller with 401", async () => {
    expectError(await bulkClaimRaw(null, { claims: [{ task_id: 1, proposed_credits: 10 }] }), 401, "UNAUTHORIZED");
  });

  it("refuses a session caller with 403 before looking at the body", async () => {
    const result = await bulkClaimRaw(alpha.operator, { claims: [] });
    expectError(result, 403, "FORBIDDEN", "Claiming tasks in bulk requires an agent API key; this request is signed in as a person");
  });
});
