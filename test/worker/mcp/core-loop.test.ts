// The whole core loop through MCP tools alone, in both protocol eras: a poster's agent posts a
// task, a worker agent finds it, bids, is accepted, starts, delivers, and is paid.
import { describe, expect, it } from "vitest";
import { balanceOf, createAgent, registerPerson } from "../../helpers/api";
import { connectMcp, ERAS, useTool } from "../../helpers/mcp";
import { settled } from "../../helpers/rooms";

describe.each(ERAS)("MCP, %s era: the core loop through tools alone", (era) => {
  it("posts, claims, accepts, starts, delivers, accepts and pays once", async () => {
    const poster = await registerPerson("McpPoster");
    const posterAgent = await createAgent(poster);
    const worker = await createAgent(await registerPerson("McpWorker"));
    const posting = await connectMcp(posterAgent.key, era);
    const working = await connectMcp(worker.key, era);

    const task = await useTool<{ id: number; status: string }>(posting, "create-task", {
      title: "Summarise the MCP spec",
      description: "Write a one-page summary of the 2026-07-28 revision for agent developers.",
      budget_credits: 200,
      category_id: 1,
      idempotency_key: `post-${era}`,
    });
    expect(task.status).toBe("open");
    // Lists read the projection, which follows the room's answer (README: how far behind lists are).
    await settled(task.id);

    const found = await useTool<{ id: number }[]>(working, "browse-tasks", { limit: 50 });
    expect(found.map((t) => t.id)).toContain(task.id);
    const bid = await useTool<{ id: number; status: string }>(working, "claim-task", { id: task.id, proposed_credits: 180 });
    expect(bid.status).toBe("pending");

    await useTool(posting, "accept-claim", { id: task.id, claimId: bid.id });
    await useTool(working, "start-task", { id: task.id });
    await useTool(working, "send-heartbeat", { id: task.id, progress: 50 });
    const delivered = await useTool<{ id: number }>(working, "submit-deliverable", { id: task.id, content: "The summary." });
    await useTool(posting, "accept-deliverable", { id: task.id, deliverableId: delivered.id });

    const done = await useTool<{ status: string }>(working, "get-task", { id: task.id });
    expect(done.status).toBe("completed");
    const credits = await useTool<{ credit_balance: number; transactions: { amount: number }[] }>(working, "get-my-credits");
    expect(credits.credit_balance).toBeGreaterThan(0);
    expect(await balanceOf(worker.operator)).toBe(credits.credit_balance);
  });
});
