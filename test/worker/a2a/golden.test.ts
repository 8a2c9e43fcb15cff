// Golden JSON-RPC requests, as any A2A client library sends them: the v1.0 method names and
// ProtoJSON state spellings with `A2A-Version: 1.0`, the v0.3 ones with no header (or 0.3),
// the error codes, and the REST refusal kept in the error's data.
import { describe, expect, it } from "vitest";
import { errorInfo, newTask, rpc, sentTaskId } from "../../helpers/a2a";
import { acceptClaim, acceptDeliverable, claim, createAgent, deliver, personWithAgent, registerPerson } from "../../helpers/api";

const v1Message = (parts: unknown[], extra: Record<string, unknown> = {}) => ({
  message: { messageId: crypto.randomUUID(), role: "ROLE_USER", parts, ...extra },
});
const v03Message = (parts: unknown[], extra: Record<string, unknown> = {}) => ({
  message: { kind: "message", messageId: crypto.randomUUID(), role: "user", parts, ...extra },
});

describe("A2A v1.0 over JSON-RPC", () => {
  it("SendMessage posts a task in TASK_STATE_SUBMITTED; GetTask reads it", async () => {
    const agent = await personWithAgent("Golden");
    const sent = await rpc(
      agent.key,
      "SendMessage",
      { ...v1Message([{ data: newTask() }]), configuration: { returnImmediately: true } },
      "1.0",
    );
    expect(sent.status).toBe(200);
    const task = sent.body.result?.task as { id: string; contextId: string; status: { state: string } };
    expect(task.status.state).toBe("TASK_STATE_SUBMITTED");
    expect(task.contextId).toBe(`task-${task.id}`);
    const read = await rpc(agent.key, "GetTask", { id: task.id }, "1.0");
    expect((read.body.result as { status: { state: string } }).status.state).toBe("TASK_STATE_SUBMITTED");
  });

  it("takes budget and category through the marketplace extension, and says it used it", async () => {
    const agent = await personWithAgent("Golden");
    const uri = "http://taskhive.test/a2a/ext/marketplace/v1";
    const text = { text: "Write a haiku about caches\nSeventeen syllables about cache invalidation." };
    const params = { ...v1Message([text], { metadata: { [uri]: { budget_credits: 25 } } }), configuration: { returnImmediately: true } };
    const sent = await rpc(agent.key, "SendMessage", params, "1.0");
    expect(sent.headers.get("a2a-extensions")).toBe(uri);
    const task = sent.body.result?.task as { metadata: Record<string, { budget_credits: number }> };
    expect(task.metadata[uri]?.budget_credits).toBe(25);
  });

  it("refuses a blocking SendMessage with UnsupportedOperation (-32004) saying how to ask", async () => {
    const agent = await personWithAgent("Golden");
    const sent = await rpc(agent.key, "SendMessage", v1Message([{ data: newTask() }]), "1.0");
    expect(sent.body.error?.code).toBe(-32004);
    expect(sent.body.error?.message).toContain("configuration.returnImmediately: true");
    expect(sent.body.error?.message).toContain("SendStreamingMessage");
  });

  it("keeps the REST refusal in the ErrorInfo's metadata (-32602 for an invalid task)", async () => {
    const agent = await personWithAgent("Golden");
    const sent = await rpc(
      agent.key,
      "SendMessage",
      { ...v1Message([{ data: newTask({ budget_credits: 0 }) }]), configuration: { returnImmediately: true } },
      "1.0",
    );
    expect(sent.body.error?.code).toBe(-32602);
    const info = errorInfo(sent);
    expect(info.reason).toBe("INVALID_PARAMS");
    expect(info.metadata).toMatchObject({ code: "VALIDATION_ERROR", status: "422" });
    expect(info.metadata.suggestion).toBeTruthy();
  });

  it("answers TaskNotFound (-32001) for an unknown task and for someone else's", async () => {
    const mine = await personWithAgent("Golden");
    const theirs = await personWithAgent("Other");
    const posted = await rpc(
      theirs.key,
      "SendMessage",
      { ...v1Message([{ data: newTask() }]), configuration: { returnImmediately: true } },
      "1.0",
    );
    const theirId = sentTaskId(posted);
    for (const id of ["999999999", theirId, "not-a-number"]) {
      const read = await rpc(mine.key, "GetTask", { id }, "1.0");
      expect(read.body.error?.code, id).toBe(-32001);
    }
    expect((await rpc(mine.key, "CancelTask", { id: theirId }, "1.0")).body.error?.code).toBe(-32001);
  });

  it("answers TaskNotCancelable (-32002) with the REST code for a completed task", async () => {
    const poster = await registerPerson("Poster");
    const posterAgent = await createAgent(poster);
    const worker = await personWithAgent("Worker");
    const sent = await rpc(
      posterAgent.key,
      "SendMessage",
      { ...v1Message([{ data: newTask() }]), configuration: { returnImmediately: true } },
      "1.0",
    );
    const id = Number(sentTaskId(sent));
    const bid = await claim(worker, id);
    await acceptClaim(poster, id, bid.id);
    const d = await deliver(worker, id);
    await acceptDeliverable(poster, id, d.id);
    const cancelled = await rpc(posterAgent.key, "CancelTask", { id: String(id) }, "1.0");
    expect(cancelled.body.error?.code).toBe(-32002);
    expect(errorInfo(cancelled).metadata).toMatchObject({ code: "INVALID_STATUS", status: "409" });
  });

  it("refuses an unknown A2A-Version with VersionNotSupported (-32009)", async () => {
    const agent = await personWithAgent("Golden");
    const sent = await rpc(agent.key, "GetTask", { id: "1" }, "2.0");
    expect(sent.body.error?.code).toBe(-32009);
  });
});

describe("A2A v0.3 over JSON-RPC", () => {
  for (const header of [undefined, "0.3"]) {
    it(`message/send (A2A-Version ${header ?? "absent"}) answers a task in state "submitted"`, async () => {
      const agent = await personWithAgent("Legacy");
      const sent = await rpc(agent.key, "message/send", v03Message([{ kind: "data", data: newTask() }]), header);
      const task = sent.body.result as { kind: string; id: string; contextId: string; status: { state: string } };
      expect(task.kind).toBe("task");
      expect(task.status.state).toBe("submitted");
      const read = await rpc(agent.key, "tasks/get", { id: task.id }, header);
      expect((read.body.result as { status: { state: string } }).status.state).toBe("submitted");
      const cancelled = await rpc(agent.key, "tasks/cancel", { id: task.id }, header);
      expect((cancelled.body.result as { status: { state: string } }).status.state).toBe("canceled");
    });
  }

  it("refuses blocking: true with -32004 naming blocking: false, and keeps the REST refusal as data", async () => {
    const agent = await personWithAgent("Legacy");
    const blocking = await rpc(agent.key, "message/send", {
      ...v03Message([{ kind: "data", data: newTask() }]),
      configuration: { blocking: true },
    });
    expect(blocking.body.error?.code).toBe(-32004);
    expect(blocking.body.error?.message).toContain("configuration.blocking: false");
    const missing = await rpc(agent.key, "tasks/get", { id: "999999999" });
    expect(missing.body.error?.code).toBe(-32001);
    expect(missing.body.error?.data).toMatchObject({ code: "TASK_NOT_FOUND", status: 404 });
  });

  it("a reply in input-required state accepts the deliverable: completed", async () => {
    const poster = await registerPerson("Poster");
    const posterAgent = await createAgent(poster);
    const worker = await personWithAgent("Worker");
    const sent = await rpc(posterAgent.key, "message/send", v03Message([{ kind: "data", data: newTask() }]));
    const id = (sent.body.result as { id: string }).id;
    const bid = await claim(worker, Number(id));
    await acceptClaim(poster, Number(id), bid.id);
    await deliver(worker, Number(id));
    const waiting = await rpc(posterAgent.key, "tasks/get", { id });
    expect((waiting.body.result as { status: { state: string } }).status.state).toBe("input-required");
    const reply = await rpc(posterAgent.key, "message/send", v03Message([{ kind: "data", data: { action: "accept" } }], { taskId: id }));
    const done = reply.body.result as { status: { state: string }; artifacts: { artifactId: string }[] };
    expect(done.status.state).toBe("completed");
    expect(done.artifacts).toHaveLength(1);
  });
});
