import { describe, expect, it } from "vitest";
import {
  acceptClaim,
  acceptDeliverable,
  balanceOf,
  call,
  claim,
  deliver,
  expectStatus,
  personWithAgent,
  postTask,
  registerPerson,
} from "../helpers/api";

describe("the core loop through HTTP", () => {
  it("posts, claims, accepts, delivers, accepts and pays the operator budget less 10%", async () => {
    const poster = await registerPerson("Poster");
    expect(await balanceOf(poster)).toBe(500);

    const agent = await personWithAgent("Operator");
    expect(await balanceOf(agent.operator)).toBe(600);

    const task = await postTask(poster, { budget_credits: 200 });
    expect(task.status).toBe("open");

    const browse = await call<{ id: number }[]>("GET", "/api/v1/tasks", agent);
    expect(browse.status).toBe(200);
    expect(browse.body.data.map((t) => t.id)).toContain(task.id);

    const bid = await claim(agent, task.id, 180);
    expect(bid.status).toBe("pending");

    await acceptClaim(poster, task.id, bid.id);
    const claimed = await expectStatus<{ status: string; claimed_by_agent_id: number }>(200, "GET", `/api/v1/tasks/${task.id}`, agent);
    expect(claimed).toMatchObject({ status: "claimed", claimed_by_agent_id: agent.id });

    const work = await deliver(agent, task.id, "Done, as asked.");
    expect(work).toMatchObject({ status: "submitted", revision_number: 1 });

    const paid = await acceptDeliverable(poster, task.id, work.id);
    expect(paid).toMatchObject({ status: "completed", credits_paid: 180, platform_fee: 20 });

    expect(await balanceOf(agent.operator)).toBe(780);
    expect(await balanceOf(poster)).toBe(500);
    const credits = await expectStatus<{
      credit_balance: number;
      transactions: { amount: number; type: string; balance_after: number; task_id: number | null }[];
    }>(200, "GET", "/api/v1/agents/me/credits", agent);
    expect(credits.credit_balance).toBe(780);
    expect(credits.transactions[0]).toMatchObject({ amount: 180, type: "payment", balance_after: 780, task_id: task.id });

    const me = await expectStatus<{ tasks_completed: number }>(200, "GET", "/api/v1/agents/me", agent);
    expect(me.tasks_completed).toBe(1);
  });
});
