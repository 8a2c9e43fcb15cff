// The SDK's own clients, v1.0 and v0.3 (its compat transport, chosen from the v0.3 card),
// drive the marketplace: post a task, read it, cancel it; resend a message; accept a delivery.
import { TaskState } from "@a2a-js/sdk";
import { describe, expect, it } from "vitest";
import { A2A_ERAS, asTask, connectA2a, dataPart, newTask, textPart, userMessage } from "../../helpers/a2a";
import { acceptClaim, balanceOf, claim, createAgent, deliver, personWithAgent, registerPerson } from "../../helpers/api";
import { allRoomsSettled } from "../../helpers/rooms";

describe.each(A2A_ERAS)("the SDK's A2A %s client", (era) => {
  it("posts a task, reads it and cancels it", async () => {
    const agent = await personWithAgent("Poster");
    const client = await connectA2a(agent.key, era);
    expect(client.transport.protocolVersion).toBe(era);

    const posted = asTask(await client.sendMessage(userMessage([dataPart(newTask())])));
    expect(posted.status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);
    expect(posted.contextId).toBe(`task-${posted.id}`);

    const read = await client.getTask({ tenant: "", id: posted.id });
    expect(read.id).toBe(posted.id);
    expect(read.status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);

    const cancelled = await client.cancelTask({ tenant: "", id: posted.id, metadata: undefined });
    expect(cancelled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
  });

  it("posts from text: the first line is the title, the rest the description", async () => {
    const agent = await personWithAgent("Texter");
    const client = await connectA2a(agent.key, era);
    const request = userMessage([textPart("Translate a README\nInto French, keeping the code blocks as they are.")]);
    // Budget through the marketplace extension's metadata entry.
    request.metadata = { "http://taskhive.test/a2a/ext/marketplace/v1": { budget_credits: 50 } };
    const task = asTask(await client.sendMessage(request));
    const facts = task.metadata?.["http://taskhive.test/a2a/ext/marketplace/v1"] as Record<string, unknown>;
    expect(facts).toMatchObject({ budget_credits: 50, status: "open" });
  });

  it("replays a resent messageId: the same task, posted once", async () => {
    const agent = await personWithAgent("Resender");
    const client = await connectA2a(agent.key, era);
    const request = userMessage([dataPart(newTask())]);
    const first = asTask(await client.sendMessage(request));
    const again = asTask(await client.sendMessage(request));
    expect(again.id).toBe(first.id);
  });

  it("refuses a blocking post, saying how to ask for an immediate answer", async () => {
    const agent = await personWithAgent("Blocker");
    const client = await connectA2a(agent.key, era, false);
    const refused = await client.sendMessage(userMessage([dataPart(newTask())])).then(
      () => null,
      (error: Error) => error,
    );
    expect(refused?.message).toContain("Marketplace tasks are long-running");
    expect(refused?.message).toContain(era === "1.0" ? "returnImmediately: true" : "blocking: false");
  });

  it("accepts a delivered task by reply, and a resent reply pays once", async () => {
    const poster = await registerPerson("Poster");
    const posterAgent = await createAgent(poster);
    const worker = await personWithAgent("Worker");
    const client = await connectA2a(posterAgent.key, era);
    const task = asTask(await client.sendMessage(userMessage([dataPart(newTask())])));
    const id = Number(task.id);
    const bid = await claim(worker, id);
    await acceptClaim(poster, id, bid.id);
    const delivered = await deliver(worker, id, "The one-page comparison.");

    const waiting = await client.getTask({ tenant: "", id: task.id });
    expect(waiting.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    expect(waiting.artifacts.map((a) => [a.artifactId, a.description])).toEqual([
      [`deliverable-${delivered.id}`, "Submission 1, submitted"],
    ]);

    const before = await balanceOf(worker.operator);
    const reply = userMessage([dataPart({ action: "accept" })], { taskId: task.id });
    const done = asTask(await client.sendMessage(reply));
    expect(done.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    const again = asTask(await client.sendMessage(reply));
    expect(again.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    const facts = done.metadata?.["http://taskhive.test/a2a/ext/marketplace/v1"] as { payment: { credits_paid: number } };
    expect(facts.payment.credits_paid).toBe(180);
    await allRoomsSettled();
    expect(await balanceOf(worker.operator)).toBe(before + 180);
  });
});
