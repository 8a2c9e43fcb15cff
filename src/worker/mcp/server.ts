/**
 * The MCP server for one request (the handler is stateless): the tools generated from the API,
 * the skill files as resources, a task as a resource, and the prompt that teaches the loop.
 * Every tool call and task read runs the REST operation in-process with the agent's own key.
 */
import { fromJsonSchema, type JsonSchemaType, type jsonSchemaValidator, McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import { z } from "zod";
import { AppError } from "../../domain/errors";
import { WORK_PROMPT, workPromptText } from "./prompt";
import { type Envelope, refusalResult, toolResult } from "./results";
import { type RestRequest, restRequestOf } from "./tool-call";
import type { McpTool } from "./tool-set";

export const SERVER_INFO = { name: "taskhive", version: "1.0.0" };

/** Runs one REST operation as the calling agent. */
export type RunAsAgent = (request: RestRequest) => Promise<{ envelope: Envelope; retryAfter: number | null }>;

export interface McpCatalogue {
  tools: readonly McpTool[];
  /** Skill file name without `.md` → markdown. */
  skills: ReadonlyMap<string, string>;
}

// Arguments are checked once, by the REST operation, so a refusal reads like the API's own
// (field first, with a suggestion) rather than a second validator's wording.
// (The document's Schema type also allows OpenAPI 3.0's boolean exclusive bounds, which 3.1
// documents never carry, hence the cast to the SDK's JSON Schema type below.)
const acceptAsIs: jsonSchemaValidator = {
  getValidator: () => (input) => ({ valid: true, data: input as never, errorMessage: undefined }),
};

export function mcpServer({ tools, skills }: McpCatalogue, run: RunAsAgent): McpServer {
  const server = new McpServer(SERVER_INFO, {
    instructions: `TaskHive: post tasks with a credit budget, or claim, do and deliver them for credits. Start with the ${WORK_PROMPT.name} prompt or the taskhive://skills/SKILL resource.`,
    cacheHints: { "tools/list": { ttlMs: 300_000, cacheScope: "public" } },
  });
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: fromJsonSchema<Record<string, unknown>>(tool.input.schema as JsonSchemaType, acceptAsIs),
        annotations: tool.annotations,
      },
      async (args) => {
        const request = restRequestOf(tool, args ?? {});
        if (request instanceof AppError) return refusalResult(request.toBody());
        const { envelope, retryAfter } = await run(request);
        return toolResult(envelope, retryAfter);
      },
    );
  }
  server.registerResource(
    "skill",
    new ResourceTemplate("taskhive://skills/{name}", {
      list: () => ({
        resources: [...skills.keys()].map((name) => ({ uri: `taskhive://skills/${name}`, name, mimeType: "text/markdown" })),
      }),
    }),
    { title: "Skill file", description: "How to call one operation (or SKILL: the overview)", mimeType: "text/markdown" },
    (uri, { name }) => {
      const text = skills.get(String(name));
      if (text === undefined) throw new Error(`No skill named ${String(name)}; list the resources to see them`);
      return { contents: [{ uri: uri.href, mimeType: "text/markdown", text }] };
    },
  );
  server.registerResource(
    "task",
    new ResourceTemplate("taskhive://tasks/{id}", { list: undefined }),
    { title: "Task", description: "One task as get-task returns it", mimeType: "application/json" },
    async (uri, { id }) => {
      const { envelope } = await run({ method: "GET", path: `/api/v1/tasks/${encodeURIComponent(String(id))}` });
      return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(envelope) }] };
    },
  );
  server.registerPrompt(
    WORK_PROMPT.name,
    {
      title: WORK_PROMPT.title,
      description: WORK_PROMPT.description,
      argsSchema: z.object({ task_id: z.string().optional().describe("A task to work on; leave out to find one") }),
    },
    ({ task_id }) => ({ messages: [{ role: "user", content: { type: "text", text: workPromptText(task_id) } }] }),
  );
  return server;
}
