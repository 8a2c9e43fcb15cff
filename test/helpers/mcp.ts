/**
 * The official MCP client (SDK v2) connected to the Worker's /mcp in-process, in either
 * protocol era: "legacy" is the 2025 `initialize` handshake most clients still speak, "modern"
 * pins the 2026-07-28 revision.
 */

import { exports } from "cloudflare:workers";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { expect } from "vitest";
import { ORIGIN } from "./api";

export type Era = "legacy" | "modern";
export const ERAS: readonly Era[] = ["legacy", "modern"];
export const MCP_URL = `${ORIGIN}/mcp`;

export async function connectMcp(key: string, era: Era): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(MCP_URL), {
    fetch: (url, init) => exports.default.fetch(new Request(url, init)),
    authProvider: { token: async () => key },
  });
  const client = new Client(
    { name: "taskhive-tests", version: "0" },
    { versionNegotiation: { mode: era === "modern" ? { pin: "2026-07-28" } : "legacy" } },
  );
  await client.connect(transport);
  return client;
}

type ToolOutcome = Awaited<ReturnType<Client["callTool"]>>;

/** The envelope a successful tool call returns, its `data` typed by the caller. */
export async function useTool<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return (result.structuredContent as { data: T }).data;
}

/** A tool call expected to be refused: its error envelope and the text the model reads. */
export async function refusedTool(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result: ToolOutcome = await client.callTool({ name, arguments: args });
  expect(result.isError).toBe(true);
  const structured = result.structuredContent as {
    error: { code: string; message: string; suggestion: string };
    retry_after_seconds?: number;
  };
  const first = (result.content as { type: string; text?: string }[])[0];
  return { ...structured, text: first?.text ?? "" };
}
