/**
 * A REST answer as an MCP tool result. The structured content is the API's own envelope, so a
 * tool returns exactly what the operation's skill file describes; a refusal is a tool error
 * whose text leads with the error's code, message and suggestion (and when to retry).
 */
import type { CallToolResult } from "@modelcontextprotocol/server";
import type { ErrorBody } from "../../domain/errors";

export type Envelope = { ok: true; data: unknown; meta?: unknown } | { ok: false; error: ErrorBody };

export function toolResult(envelope: Envelope, retryAfter: number | null): CallToolResult {
  if (envelope.ok) return { structuredContent: envelope, content: [{ type: "text", text: JSON.stringify(envelope) }] };
  const { code, message, suggestion } = envelope.error;
  const wait = retryAfter === null ? "" : ` Retry after ${retryAfter} seconds.`;
  const structured = retryAfter === null ? envelope : { ...envelope, retry_after_seconds: retryAfter };
  return { isError: true, structuredContent: structured, content: [{ type: "text", text: `${code}: ${message}. ${suggestion}${wait}` }] };
}

/** A refusal decided before any request was made (e.g. a missing path argument). */
export function refusalResult(error: ErrorBody): CallToolResult {
  return toolResult({ ok: false, error }, null);
}
