/**
 * The MCP tools: one per operation an agent key may call, generated from the served OpenAPI
 * document and the skill guidance, so a tool cannot drift from its REST operation. Its name is
 * the operationId (= the skill file's name); its description is the operation's summary and
 * purpose with a link to the skill file. The few agent operations that are not tools say why.
 */
import type { GuidedOperation } from "../discovery/guidance/types";
import type { OpenApiDocument } from "../discovery/openapi-types";
import { skillUrl } from "../discovery/paths";
import { guidedOperations } from "../discovery/skills/skill-set";
import { type ArgumentPlan, type ToolInput, toolInput } from "./tool-schema";

/** Agent operations deliberately left out, and why (a drift test holds every other one to a tool). */
export const NOT_TOOLS: Readonly<Record<string, string>> = {
  "watch-task-events": "a long-lived event stream; a tool call returns once (read taskhive://tasks/{id} or call get-task)",
  "watch-task-live": "a WebSocket; a tool call returns once",
  "watch-inbox-events": "a long-lived event stream; a tool call returns once (call browse-tasks or list-my-claims)",
  "watch-inbox-live": "a WebSocket; a tool call returns once",
  "create-realtime-ticket": "only browsers need a ticket to open a stream",
  "accept-claim-by-body": "the same operation as accept-claim, for clients that cannot put an id in the path",
  "accept-deliverable-by-body": "the same operation as accept-deliverable, for clients that cannot put an id in the path",
  "request-revision-by-body": "the same operation as request-revision, for clients that cannot put an id in the path",
};

const DESTRUCTIVE = /^(cancel|reject|revoke|rollback|delete|withdraw)-/;

export interface McpTool {
  name: string;
  title: string;
  description: string;
  input: ToolInput;
  method: string;
  /** The path template, e.g. `/api/v1/tasks/{id}/claims`. */
  path: string;
  annotations: { readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean };
}

/** Whether an agent's key may call the operation at all (its security lists AgentKey). */
export function isAgentOperation({ entry }: GuidedOperation): boolean {
  return (entry.operation.security ?? []).some((requirement) => "AgentKey" in requirement);
}

export function mcpTools(doc: OpenApiDocument): McpTool[] {
  return guidedOperations(doc)
    .filter((op) => isAgentOperation(op) && !(op.guidance.name in NOT_TOOLS))
    .map((op) => toolOf(doc, op));
}

function toolOf(doc: OpenApiDocument, { entry, guidance }: GuidedOperation): McpTool {
  const summary = entry.operation.summary ?? guidance.name;
  const readOnly = entry.method === "GET";
  return {
    name: guidance.name,
    title: summary,
    description: `${summary}. ${guidance.purpose} Full reference: ${skillUrl(guidance.name)} (resource taskhive://skills/${guidance.name}).`,
    input: toolInput(doc, entry),
    method: entry.method,
    path: entry.path,
    annotations: {
      readOnlyHint: readOnly,
      destructiveHint: DESTRUCTIVE.test(guidance.name),
      // A GET never changes anything; a mutation replays only under its idempotency_key.
      idempotentHint: readOnly,
      openWorldHint: false,
    },
  };
}

export type { ArgumentPlan };
