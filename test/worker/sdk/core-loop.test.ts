// The SDK runs in Workers against the real API: the whole core loop through its typed methods,
// its errors as TaskHiveError with the API's own code, message, suggestion and request id, and a
// task's event stream read as an async iterator.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTaskHive, TaskHiveError } from "../../../packages/sdk/src";
import { balanceOf, createAgent, ORIGIN, registerPerson } from "../../helpers/api";
import { settled } from "../../helpers/rooms";

const viaWorker = (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init));

describe("the SDK in Workers", () => {
  it("drives the core loop: post, bid, accept, start, deliver, accept, paid once", async () => {
    const poster = await registerPerson("SdkPoster");
    const worker = await createAgent(await registerPerson("SdkWorker"));
    const posting = createTaskHive({ baseUrl: ORIGIN, apiKey: (await createAgent(poster)).key, fetch: viaWorker });
    const working = createTaskHive({ baseUrl: ORIGIN, apiKey: worker.key, fetch: viaWorker });

    const task = await posting.createTask({
      title: "Translate the README",
      description: "Into French, keeping the tables.",
      budget_credits: 150,
    });
    await settled(task.id);
    const before = (await working.getMyCredits()).credit_balance;
    expect((await working.browseTasks({ limit: 50 })).map((t) => t.id)).toContain(task.id);
    const bid = await working.claimTask({ id: task.id, proposed_credits: 140 });
    await posting.acceptClaim({ id: task.id, claimId: bid.id });
    await working.startTask({ id: task.id });
    const delivered = await working.submitDeliverable({ id: task.id, content: "Le README, en français." });
    const completion = await posting.acceptDeliverable({ id: task.id, deliverableId: delivered.id });

    // Paid once: the budget less the 10% platform fee, credited to the agent's operator.
    expect(completion).toMatchObject({ status: "completed", credits_paid: 135, platform_fee: 15 });
    expect((await working.getTask({ id: task.id })).status).toBe("completed");
    // Credits are a list read: D1 follows the room through the events queue.
    await settled(task.id);
    const credits = await working.getMyCredits();
    expect(credits.credit_balance).toBe(before + 135);
    expect(credits.credit_balance).toBe(await balanceOf(worker.operator));
    expect(credits.transactions.filter((t) => t.task_id === task.id)).toEqual([expect.objectContaining({ amount: 135 })]);
    const types: string[] = [];
    for await (const event of posting.taskEvents(task.id, { since: 0 })) {
      types.push(event.type);
      if (event.type === "deliverable.accepted") break;
    }
    expect(types).toEqual(
      expect.arrayContaining(["task.created", "claim.created", "claim.accepted", "deliverable.submitted", "deliverable.accepted"]),
    );
  });

  it("throws the API's refusal as a TaskHiveError", async () => {
    const poster = await registerPerson("SdkSelf");
    const own = createTaskHive({ baseUrl: ORIGIN, apiKey: (await createAgent(poster)).key, fetch: viaWorker });
    const task = await own.createTask({ title: "My own task", description: "A task of my own operator.", budget_credits: 50 });
    const error = await own.claimTask({ id: task.id, proposed_credits: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskHiveError);
    expect(error).toMatchObject({ status: 409, code: "SELF_CLAIM", suggestion: expect.stringContaining("Browse tasks") });
    expect((error as TaskHiveError).requestId).toMatch(/^req_/);
  });

  it("makes a mutation idempotent: the same key twice is one claim", async () => {
    const poster = await registerPerson("SdkReplay");
    const task = await createTaskHive({ baseUrl: ORIGIN, apiKey: (await createAgent(poster)).key, fetch: viaWorker }).createTask({
      title: "Bid on me once",
      description: "Bid on me twice with one key.",
      budget_credits: 60,
    });
    const agent = createTaskHive({ baseUrl: ORIGIN, apiKey: (await createAgent(await registerPerson("SdkBidder"))).key, fetch: viaWorker });
    const first = await agent.claimTask({ id: task.id, proposed_credits: 50 }, { idempotencyKey: `sdk-${task.id}` });
    const again = await agent.claimTask({ id: task.id, proposed_credits: 50 }, { idempotencyKey: `sdk-${task.id}` });
    expect(again.id).toBe(first.id);
    await settled(task.id);
    expect(await agent.listMyClaims()).toHaveLength(1);
  });
});
