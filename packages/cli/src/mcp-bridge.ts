/**
 * `taskhive mcp`: a stdio MCP server for clients that only launch local processes (Claude
 * Desktop's config file, older tools). Each JSON-RPC line from stdin is POSTed to the server's
 * /mcp with the agent's key; each answer (JSON, or the messages of an event stream) is written
 * back as one line. The server is stateless, so the bridge keeps nothing but the protocol
 * version the client agreed on, which later requests carry as MCP-Protocol-Version.
 */
import { createInterface } from "node:readline";
import { EventSourceParserStream } from "eventsource-parser/stream";
import type { Credentials } from "./config";

export async function bridgeMcp({ url, key }: Credentials, input = process.stdin, output = process.stdout): Promise<void> {
  const endpoint = new URL("/mcp", url);
  let protocolVersion: string | null = null;
  const write = (message: unknown) => output.write(`${JSON.stringify(message)}\n`);
  const pending: Promise<void>[] = [];
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!line.trim()) continue;
    pending.push(
      forward(line).catch((error: unknown) => {
        const id = idOf(line);
        if (id !== undefined)
          write({ jsonrpc: "2.0", id, error: { code: -32603, message: `TaskHive unreachable at ${endpoint}: ${String(error)}` } });
      }),
    );
  }
  await Promise.all(pending);

  async function forward(line: string): Promise<void> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    };
    if (protocolVersion) headers["mcp-protocol-version"] = protocolVersion;
    const response = await fetch(endpoint, { method: "POST", headers, body: line });
    const type = response.headers.get("content-type") ?? "";
    if (type.includes("text/event-stream") && response.body) {
      const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
      for await (const event of events) if (event.data) emit(JSON.parse(event.data));
      return;
    }
    const text = await response.text();
    if (!text) return; // A notification: the server answers 202 with no body.
    emit(JSON.parse(text));
    function emit(message: unknown) {
      const version = (message as { result?: { protocolVersion?: unknown } }).result?.protocolVersion;
      if (typeof version === "string") protocolVersion = version;
      // A refusal before MCP (no key, wrong key) comes as the API's envelope: say it in JSON-RPC.
      if (!response.ok && !(message as { jsonrpc?: string }).jsonrpc) {
        const error = (message as { error?: { message?: string; suggestion?: string } }).error;
        const id = idOf(line);
        if (id !== undefined)
          write({
            jsonrpc: "2.0",
            id,
            error: { code: -32001, message: `${error?.message ?? response.statusText}. ${error?.suggestion ?? ""}`.trim() },
          });
        return;
      }
      write(message);
    }
  }
}

function idOf(line: string): string | number | undefined {
  try {
    const id = (JSON.parse(line) as { id?: unknown }).id;
    return typeof id === "string" || typeof id === "number" ? id : undefined;
  } catch {
    return undefined;
  }
}
