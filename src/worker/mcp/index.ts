/**
 * POST /mcp: the MCP server on the same Worker, for agents (Claude Code, Cursor, VS Code, any
 * MCP client), stateless, in both protocol eras (the 2026-07-28 revision and the 2025
 * `initialize` handshake). Behind the agent door (auth/agent-door.ts); each tool call is one
 * in-process /api/v1 request with the agent's key, so it is authenticated, rate limited,
 * validated and idempotent exactly as over REST. Listing tools, resources and prompts is free.
 */

import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AuthInfo } from "@modelcontextprotocol/server";
import { createMcpHandler } from "agents/mcp/server";
import { AppError } from "../../domain/errors";
import { type AgentAtTheDoor, agentAtTheDoor, bearerChallenge } from "../auth/agent-door";
import { openApiDocument } from "../discovery/openapi";
import { MCP_PATH } from "../discovery/paths";
import { generateSkills } from "../discovery/skills/skill-set";
import type { AppEnv } from "../http/context";
import { HEADERS } from "../http/headers";
import { type Fetcher, sendOperation } from "../http/in-process";
import type { Envelope } from "./results";
import { type McpCatalogue, mcpServer, type RunAsAgent } from "./server";
import { mcpTools } from "./tool-set";

/** The tools and skills, built once per isolate from the app's own document. */
function catalogueOf(app: Pick<OpenAPIHono<AppEnv>, "getOpenAPI31Document">): () => McpCatalogue {
  let built: McpCatalogue | undefined;
  return () => {
    if (!built) {
      const doc = openApiDocument(app);
      const skills = new Map([...generateSkills(doc).files].map(([file, text]) => [file.replace(/\.md$/, ""), text]));
      built = { tools: mcpTools(doc), skills };
    }
    return built;
  };
}

/** The agent's runner travels with the request as its MCP auth info (the handler is built once). */
function runnerOf(authInfo: AuthInfo | undefined): RunAsAgent {
  const run = authInfo?.extra?.run;
  if (typeof run !== "function") throw new Error("MCP request reached the server without the agent door");
  return run as RunAsAgent;
}

export function registerMcp(app: OpenAPIHono<AppEnv> & Fetcher): void {
  const catalogue = catalogueOf(app);
  const handler = createMcpHandler(({ authInfo }) => mcpServer(catalogue(), runnerOf(authInfo)), {
    route: MCP_PATH,
    legacy: "stateless",
    corsOptions: false,
    // The agent door refuses foreign origins itself; the SDK's default list knows only localhost.
    allowedOriginHostnames: "*",
  });
  app.all(MCP_PATH, async (c) => {
    let door: AgentAtTheDoor;
    try {
      door = await agentAtTheDoor(c, "MCP");
    } catch (error) {
      if (error instanceof AppError && error.status === 401) c.header("WWW-Authenticate", bearerChallenge(c));
      throw error;
    }
    const credentials = { authorization: door.authorization };
    const run: RunAsAgent = async (request) => {
      const response = await sendOperation(app, c, c.env, { ...request, credentials });
      const retryAfter = response.headers.get(HEADERS.retryAfter);
      return { envelope: (await response.json()) as Envelope, retryAfter: retryAfter === null ? null : Number(retryAfter) };
    };
    const authInfo: AuthInfo = {
      token: "(agent key, withheld)",
      clientId: `agent:${door.principal.agent.id}`,
      scopes: ["agent"],
      extra: { run },
    };
    // The app's body check already read a JSON body (Hono keeps the text): hand the SDK the parse.
    const parsedBody = c.req.raw.bodyUsed ? JSON.parse((await c.req.text()) || "null") : undefined;
    return handler.fetch(c.req.raw, parsedBody === undefined ? { authInfo } : { authInfo, parsedBody });
  });
}
