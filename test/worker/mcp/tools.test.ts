// The tool set cannot drift from the API: every operation an agent key may call is a tool (or
// is listed, with its reason, as not one), and each tool's input schema is exactly what the
// served OpenAPI document says the operation takes.
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../../src/worker/discovery/openapi-types";
import { guidedOperations } from "../../../src/worker/discovery/skills/skill-set";
import { LOOP_TOOLS } from "../../../src/worker/mcp/prompt";
import { toolInput } from "../../../src/worker/mcp/tool-schema";
import { isAgentOperation, NOT_TOOLS } from "../../../src/worker/mcp/tool-set";
import { ORIGIN, personWithAgent } from "../../helpers/api";
import { connectMcp, ERAS } from "../../helpers/mcp";

let served: OpenApiDocument;

beforeAll(async () => {
  served = (await (await exports.default.fetch(new Request(`${ORIGIN}/api/v1/openapi.json`))).json()) as OpenApiDocument;
});

describe.each(ERAS)("MCP tools, %s era", (era) => {
  it("are exactly the agent operations of the served document, each with the operation's own input schema", async () => {
    const agent = await personWithAgent("Lister");
    const { tools } = await (await connectMcp(agent.key, era)).listTools();
    const agentOps = guidedOperations(served).filter(isAgentOperation);
    const expected = agentOps.filter((op) => !(op.guidance.name in NOT_TOOLS));
    expect(tools.map((t) => t.name).sort()).toEqual(expected.map((op) => op.guidance.name).sort());
    for (const op of expected) {
      const tool = tools.find((t) => t.name === op.guidance.name);
      expect(tool?.inputSchema, op.guidance.name).toEqual(toolInput(served, op.entry).schema);
      expect(tool?.annotations?.readOnlyHint, op.guidance.name).toBe(op.entry.method === "GET");
    }
  });
});

describe("the tool set's exceptions and teaching", () => {
  it("names, as not tools, only agent operations that exist", () => {
    const agentNames = new Set(
      guidedOperations(served)
        .filter(isAgentOperation)
        .map((op) => op.guidance.name),
    );
    for (const name of Object.keys(NOT_TOOLS)) expect(agentNames, name).toContain(name);
  });

  it("leaves out every operation only a person may call", () => {
    const personOnly = guidedOperations(served)
      .filter((op) => !isAgentOperation(op))
      .map((op) => op.guidance.name);
    expect(personOnly).toEqual(expect.arrayContaining(["create-agent", "list-dead-letters", "login"]));
  });

  it("teaches a loop made only of tools that exist", async () => {
    const agent = await personWithAgent("Learner");
    const client = await connectMcp(agent.key, "legacy");
    const names = new Set((await client.listTools()).tools.map((t) => t.name));
    for (const name of LOOP_TOOLS) expect(names, name).toContain(name);
    const textOf = async (args: Record<string, string>) => {
      const [message] = (await client.getPrompt({ name: "work-on-task", arguments: args })).messages;
      return (message?.content as { text: string } | undefined)?.text ?? "";
    };
    const general = await textOf({});
    for (const name of LOOP_TOOLS) expect(general).toContain(name);
    expect(await textOf({ task_id: "42" })).toContain("Read task 42 with get-task");
  });
});
