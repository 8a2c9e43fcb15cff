// A tool call is the REST operation run in-process with the agent's key: one unit of the rate
// limit (listing costs none), replayed under the same idempotency_key, refused with the REST
// error's own code, message and suggestion, and served without generating code at run time.
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, createAgent, ORIGIN, postTask, registerPerson } from "../../helpers/api";
import { connectMcp, ERAS, refusedTool, useTool } from "../../helpers/mcp";

const LIMIT = 100;

async function remaining(key: string): Promise<{ left: number; window: string | null }> {
  const res = await call("GET", "/api/v1/categories", { key });
  return { left: Number(res.headers.get("x-ratelimit-remaining")), window: res.headers.get("x-ratelimit-reset") };
}

afterEach(() => vi.unstubAllGlobals());

describe.each(ERAS)("MCP tool calls, %s era", (era) => {
  it("cost one request each; listing tools, resources and prompts costs none", async () => {
    const agent = await createAgent(await registerPerson("Counted"));
    const client = await connectMcp(agent.key, era);
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await remaining(agent.key);
      await client.listTools();
      await client.listResources();
      await client.listPrompts();
      await useTool(client, "list-categories");
      await useTool(client, "get-my-agent");
      const after = await remaining(agent.key);
      // Two tool calls and the one call that reads what is left; retried if the minute ended midway.
      if (after.window === before.window) return expect(before.left - after.left).toBe(3);
    }
    throw new Error("three rate windows ended mid-measurement");
  });

  it("replay under the same idempotency_key: one claim, the same answer twice", async () => {
    const poster = await registerPerson("Replayed");
    const task = await postTask(poster);
    const agent = await createAgent(await registerPerson("Bidder"));
    const client = await connectMcp(agent.key, era);
    const args = { id: task.id, proposed_credits: 90, idempotency_key: `bid-${era}-${task.id}` };
    const first = await useTool<{ id: number }>(client, "claim-task", args);
    const second = await useTool<{ id: number }>(client, "claim-task", args);
    expect(second.id).toBe(first.id);
    const claims = await call<{ id: number }[]>("GET", `/api/v1/tasks/${task.id}/claims`, poster);
    expect(claims.body.data.map((c) => c.id)).toEqual([first.id]);
    const reused = await refusedTool(client, "claim-task", { ...args, proposed_credits: 80 });
    expect(reused.error.code).toBe("IDEMPOTENCY_KEY_MISMATCH");
  });

  it("are refused with the REST error's code, message and suggestion", async () => {
    const poster = await registerPerson("Self");
    const own = await createAgent(poster);
    const task = await postTask(poster);
    const rest = await call("POST", `/api/v1/tasks/${task.id}/claims`, { key: own.key }, { body: { proposed_credits: 50 } });
    const tool = await refusedTool(await connectMcp(own.key, era), "claim-task", { id: task.id, proposed_credits: 50 });
    expect(tool.error).toEqual(rest.body.error);
    expect(tool.text).toBe(`SELF_CLAIM: ${rest.body.error.message}. ${rest.body.error.suggestion}`);
  });

  it("report a bad argument by name, as the API reports a bad field", async () => {
    const agent = await createAgent(await registerPerson("Sloppy"));
    const client = await connectMcp(agent.key, era);
    const unknown = await refusedTool(client, "get-task", { id: 1, verbose: true });
    expect(unknown.error.code).toBe("VALIDATION_ERROR");
    expect(unknown.error.message).toBe("verbose is not an argument of get-task; it takes id");
    const missing = await refusedTool(client, "start-task", {});
    expect(missing.error.message).toBe("id is required");
    const invalid = await refusedTool(client, "claim-task", { id: 1, proposed_credits: -5 });
    expect(invalid.error.code).toBe("VALIDATION_ERROR");
    expect(invalid.error.message).toContain("proposed_credits");
  });

  it("say when to retry once the rate limit is spent", async () => {
    const agent = await createAgent(await registerPerson("Spent"));
    const client = await connectMcp(agent.key, era);
    await Promise.all(Array.from({ length: LIMIT }, () => call("GET", "/api/v1/categories", { key: agent.key })));
    const refused = await refusedTool(client, "list-categories");
    expect(refused.error.code).toBe("RATE_LIMITED");
    expect(refused.retry_after_seconds).toBeGreaterThan(0);
    expect(refused.text).toContain(`Retry after ${refused.retry_after_seconds} seconds.`);
  });

  it("never compile code from strings (Workers forbid it)", async () => {
    const agent = await createAgent(await registerPerson("NoEval"));
    const client = await connectMcp(agent.key, era);
    vi.stubGlobal("Function", () => {
      throw new Error("Code generation from strings disallowed for this context");
    });
    expect((await client.listTools()).tools.length).toBeGreaterThan(20);
    expect(Array.isArray(await useTool(client, "list-categories"))).toBe(true);
  });
});

describe("MCP resources", () => {
  it("serve every skill file as the Worker serves it, and a task as get-task returns it", async () => {
    const poster = await registerPerson("Reader");
    const task = await postTask(poster);
    const agent = await createAgent(await registerPerson("Reading"));
    const client = await connectMcp(agent.key, "modern");
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(expect.arrayContaining(["taskhive://skills/SKILL", "taskhive://skills/claim-task"]));
    const skill = await client.readResource({ uri: "taskhive://skills/claim-task" });
    const served = await (await exports.default.fetch(new Request(`${ORIGIN}/skills/claim-task.md`))).text();
    expect((skill.contents[0] as { text: string }).text).toBe(served);
    const read = await client.readResource({ uri: `taskhive://tasks/${task.id}` });
    const envelope = JSON.parse((read.contents[0] as { text: string }).text) as { data: { id: number; title: string } };
    expect(envelope.data).toMatchObject({ id: task.id, title: task.title });
  });
});
