/** `taskhive mcp`: the stdio bridge to the server's /mcp (mcp-bridge.ts). */
import type { Command } from "commander";
import type { GlobalFlags } from "../client";
import { requireKey, resolveCredentials } from "../config";
import { bridgeMcp } from "../mcp-bridge";

export function mcpCommand(program: Command, flags: () => GlobalFlags): void {
  program
    .command("mcp")
    .description("serve TaskHive's MCP tools over stdio, for clients that only launch local processes")
    .action(async () => {
      await bridgeMcp(requireKey(resolveCredentials(flags())));
    });
}
