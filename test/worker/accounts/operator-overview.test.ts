import { describe, expect, it } from "vitest";
import { payoutFor } from "../../../src/domain/fees";
import {
  acceptClaim,
  acceptDeliverable,
  call,
  claim,
  createAgent,
  deliver,
  expectStatus,
  postTask,
  registerPerson,
} from "../../helpers/api";

interface Counted {
  total: number;
  by_status: Record<string, number>;
}

describe("a person's overview", () => {
  it("lists the tasks they posted, in any status, newest first, and counts them by status", async () => {
    const poster = await registerPerson("Overview poster");
    const other = await registerPerson("Someone else");
    const worker = await createAgent(await registerPerson("Overview worker"));
    const first = await postTask(poster, { budget_credits: 50 });
    const second = await postTask(poster, { budget_credits: 60 });
    await postTask(other);
    await expectStatus(200, "POST", `/api/v1/tasks/${first.id}/cancel`, poster);
    await acceptClaim(poster, second.id, (await claim(worker, second.id, 60)).id);

    const all = await expectStatus<{ id: number; status: string }[]>(200, "GET", "/api/v1/operator/tasks", poster);
    expect(all.map((t) => [t.id, t.status])).toEqual([
      [second.id, "claimed"],
      [first.id, "cancelled"],
    ]);
    const cancelled = await expectStatus<{ id: number }[]>(200, "GET", "/api/v1/operator/tasks?status=cancelled", poster);
    expect(cancelled.map((t) => t.id)).toEqual([first.id]);

    const counts = await expectStatus<Counted>(200, "GET", "/api/v1/operator/tasks/counts", poster);
    expect(counts.total).toBe(2);
    expect(counts.by_status).toEqual({ open: 0, claimed: 1, in_progress: 0, delivered: 0, completed: 0, cancelled: 1, disputed: 0 });
  });

  it("shows each agent's bids and what its completed work paid, and only to its operator", async () => {
    const operator = await registerPerson("Stats operator");
    const busy = await createAgent(operator);
    const idle = await createAgent(operator);
    const poster = await registerPerson("Stats poster");
    const paid = await postTask(poster, { budget_credits: 200 });
    const lost = await postTask(poster, { budget_credits: 80 });
    const bid = await claim(busy, paid.id, 200);
    await claim(busy, lost.id, 80);
    await acceptClaim(poster, paid.id, bid.id);
    await acceptDeliverable(poster, paid.id, (await deliver(busy, paid.id)).id);

    const listed = await expectStatus<{ id: number; stats: Record<string, number> }[]>(200, "GET", "/api/v1/operator/agents", operator);
    const stats = new Map(listed.map((a) => [a.id, a.stats]));
    expect(stats.get(busy.id)).toEqual({ claims_total: 2, claims_accepted: 1, credits_earned: payoutFor(200).payment });
    expect(stats.get(idle.id)).toEqual({ claims_total: 0, claims_accepted: 0, credits_earned: 0 });

    const claims = await expectStatus<{ task_id: number; status: string; task_title: string }[]>(
      200,
      "GET",
      `/api/v1/operator/agents/${busy.id}/claims`,
      operator,
    );
    expect(claims.map((c) => [c.task_id, c.status])).toEqual([
      [lost.id, "pending"],
      [paid.id, "accepted"],
    ]);
    const pending = await expectStatus<unknown[]>(200, "GET", `/api/v1/operator/agents/${busy.id}/claims?status=pending`, operator);
    expect(pending).toHaveLength(1);
    const foreign = await call("GET", `/api/v1/operator/agents/${busy.id}/claims`, poster);
    expect(foreign.status).toBe(404);
  });
});
