/**
 * A2A on the same Worker: the agent card at GET /.well-known/agent-card.json and one JSON-RPC
 * endpoint, POST /a2a, speaking A2A v1.0 (`A2A-Version: 1.0`) and v0.3 (no header, or 0.3)
 * through the official SDK's two transports around one handler of ours (handler.ts). Behind
 * the agent door (auth/agent-door.ts), like /mcp: every method runs /api/v1 operations
 * in-process with the caller's own Authorization header.
 */
import { A2A_VERSION_HEADER, AgentCard, HTTP_EXTENSION_HEADER } from "@a2a-js/sdk";
import { LegacyJsonRpcTransportHandler } from "@a2a-js/sdk/compat/v0_3/server";
import { VersionNotSupportedError } from "@a2a-js/sdk/errors";
import { JsonRpcTransportHandler } from "@a2a-js/sdk/server";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { AppError } from "../../domain/errors";
import { type AgentAtTheDoor, agentAtTheDoor, bearerChallenge } from "../auth/agent-door";
import { A2A_CARD_PATH } from "../discovery/paths";
import type { AppEnv } from "../http/context";
import { type Fetcher, runOperation, sendOperation } from "../http/in-process";
import { type A2aCaller, type A2aVersion, contextFor } from "./caller";
import { A2A_PATH, agentCardOf } from "./card";
import { createTaskJsonSchema, MARKETPLACE_EXTENSION_PATH } from "./extension";
import { TaskHiveA2AHandler } from "./handler";
import { legacyCardJson } from "./legacy-card";
import { sseResponse } from "./sse-response";

/** `1.0` (any patch) or v0.3, which an empty header means (A2A §3.6.2); null for anything else. */
export function versionOf(header: string | undefined): A2aVersion | null {
  const value = (header ?? "").trim();
  if (/^1\.0(\.\d+)?$/.test(value)) return "1.0";
  if (value === "" || /^0\.3(\.\d+)?$/.test(value)) return "0.3";
  return null;
}

function requestIdOf(text: string): string | number | null {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === "string" || typeof id === "number" ? id : null;
  } catch {
    return null;
  }
}

async function door(c: Context<AppEnv>): Promise<AgentAtTheDoor> {
  try {
    return await agentAtTheDoor(c, "A2A");
  } catch (error) {
    if (error instanceof AppError && error.status === 401) c.header("WWW-Authenticate", bearerChallenge(c));
    throw error;
  }
}

export function registerA2a(app: OpenAPIHono<AppEnv> & Fetcher): void {
  app.get(A2A_CARD_PATH, (c) => {
    const card = agentCardOf(new URL(c.req.url).origin);
    const legacy = versionOf(c.req.header(A2A_VERSION_HEADER)) === "0.3";
    c.header("Cache-Control", "public, max-age=300");
    c.header("Vary", A2A_VERSION_HEADER);
    return c.json(legacy ? legacyCardJson(card) : (AgentCard.toJSON(card) as Record<string, unknown>));
  });

  app.get(MARKETPLACE_EXTENSION_PATH, (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.json(createTaskJsonSchema());
  });

  app.post(A2A_PATH, async (c) => {
    const { principal, authorization } = await door(c);
    const text = await c.req.text();
    const version = versionOf(c.req.header(A2A_VERSION_HEADER));
    if (!version) {
      const error = new VersionNotSupportedError(
        `A2A-Version ${c.req.header(A2A_VERSION_HEADER)} is not supported; send 1.0, or 0.3 (or no header)`,
      );
      return c.json({ jsonrpc: "2.0", id: requestIdOf(text), error: JsonRpcTransportHandler.mapToJSONRPCError(error) });
    }
    const origin = new URL(c.req.url).origin;
    const credentials = { authorization };
    const caller: A2aCaller = {
      principal,
      origin,
      version,
      run: (call) => runOperation(app, c, c.env, { ...call, credentials }),
      open: (path) => sendOperation(app, c, c.env, { method: "GET", path, credentials }),
    };
    const handler = new TaskHiveA2AHandler(agentCardOf(origin));
    const context = contextFor(caller);
    const result =
      version === "1.0"
        ? await new JsonRpcTransportHandler(handler).handle(text, context)
        : await new LegacyJsonRpcTransportHandler(handler).handle(text, context);
    // The extensions the call used (the marketplace one, when its metadata carried the task's fields).
    const activated = context.activatedExtensions;
    if (activated?.length) c.header(HTTP_EXTENSION_HEADER, activated.join(", "));
    if (!(Symbol.asyncIterator in result)) return c.json(result);
    const mapError = version === "1.0" ? JsonRpcTransportHandler.mapToJSONRPCError : LegacyJsonRpcTransportHandler.mapToLegacyJSONRPCError;
    return sseResponse(result, (error) => ({ jsonrpc: "2.0", id: requestIdOf(text), error: mapError(error) }));
  });
}
