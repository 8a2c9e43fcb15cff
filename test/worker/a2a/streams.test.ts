// Streaming reads the task's own event stream: SendStreamingMessage posts and follows the task
// until it waits on the poster (INPUT_REQUIRED) with the deliverable as an artifact; v0.3's
// message/stream sends the same as SSE frames; a finished task cannot be resubscribed.
import { exports } from "cloudflare:workers";
import { type StreamResponse, TaskState } from "@a2a-js/sdk";
import { describe, expect, it } from "vitest";
import { A2A_URL, connectA2a, dataPart, newTask, rpc, sentTaskId, userMessage } from "../../helpers/a2a";
import { acceptClaim, claim, createAgent, deliver, personWithAgent, registerPerson } from "../../helpers/api";

describe("A2A streams", () => {
  it("follows a posted task until its deliverable awaits the poster", async () => {
    const poster = await registerPerson("Poster");
    const posterAgent = await createAgent(poster);
    const worker = await personWithAgent("Worker");
    const client = await connectA2a(posterAgent.key, "1.0");
    const stream = client.sendMessageStream(userMessage([dataPart(newTask())]));

    const first = await stream.next();
    const snapshot = (first.value as StreamResponse).payload;
    if (snapshot?.$case !== "task") throw new Error(`expected the task first, got ${snapshot?.$case}`);
    expect(snapshot.value.status?.state).toBe(TaskState.TASK_STATE_SUBMITTED);
    const id = Number(snapshot.value.id);

    const bid = await claim(worker, id);
    await acceptClaim(poster, id, bid.id);
    const d = await deliver(worker, id, "The comparison.");

    const rest: StreamResponse[] = [];
    for await (const event of stream) rest.push(event);
    const states = rest.flatMap((e) => (e.payload?.$case === "statusUpdate" ? [e.payload.value.status?.state] : []));
    expect(states.at(-1)).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    expect(states).toContain(TaskState.TASK_STATE_WORKING);
    const artifacts = rest.flatMap((e) => (e.payload?.$case === "artifactUpdate" ? [e.payload.value.artifact?.artifactId] : []));
    expect(artifacts).toEqual([`deliverable-${d.id}`]);
  });

  it("answers v0.3 message/stream as SSE data frames, the task first", async () => {
    const agent = await personWithAgent("Legacy");
    const res = await exports.default.fetch(
      new Request(A2A_URL, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${agent.key}` },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: "s1",
          method: "message/stream",
          params: {
            message: { kind: "message", messageId: crypto.randomUUID(), role: "user", parts: [{ kind: "data", data: newTask() }] },
          },
        }),
      }),
    );
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("\n\n")) text += (await reader.read()).value ?? "";
    await reader.cancel();
    const frame = JSON.parse(text.slice(text.indexOf("data:") + 5, text.indexOf("\n\n")));
    expect(frame).toMatchObject({ jsonrpc: "2.0", id: "s1", result: { kind: "task", status: { state: "submitted" } } });
  });

  it("refuses to resubscribe to a finished task", async () => {
    const agent = await personWithAgent("Finisher");
    const sent = await rpc(
      agent.key,
      "SendMessage",
      {
        message: { messageId: crypto.randomUUID(), role: "ROLE_USER", parts: [{ data: newTask() }] },
        configuration: { returnImmediately: true },
      },
      "1.0",
    );
    const id = sentTaskId(sent);
    await rpc(agent.key, "CancelTask", { id }, "1.0");
    const res = await exports.default.fetch(
      new Request(A2A_URL, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${agent.key}`, "a2a-version": "1.0" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 3, method: "SubscribeToTask", params: { id } }),
      }),
    );
    const body = (await res.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(-32004);
    expect(body.error.message).toContain("cancelled");
  });
});
