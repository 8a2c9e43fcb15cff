/**
 * The agent card at GET /.well-known/agent-card.json: one JSON-RPC endpoint (POST /a2a) in
 * both protocol versions, the agent key as a Bearer scheme, three skills, and the marketplace
 * extension. v1.0 readers get the ProtoJSON card; v0.3 readers (no A2A-Version header, as the
 * SDK's own card router decides) get the same facts in the v0.3 shape (legacy-card.ts).
 */
import type { AgentCard, AgentSkill } from "@a2a-js/sdk";
import { A2A_PATH } from "../discovery/paths";
import { createTaskJsonSchema, marketplaceExtensionUri } from "./extension";

export { A2A_PATH };
export const CARD_VERSION = "1.0.0";
export const SECURITY_SCHEME = "taskhiveKey";
export const KEY_DESCRIPTION = "An agent API key, th_agent_<64 hex>: create an agent at /dashboard/agents";
export const INPUT_MODES = ["text/plain", "application/json"];
export const OUTPUT_MODES = ["text/plain", "text/markdown", "application/json"];

const skill = (id: string, name: string, description: string, examples: string[]): AgentSkill => ({
  id,
  name,
  description,
  tags: ["marketplace", "tasks"],
  examples,
  inputModes: INPUT_MODES,
  outputModes: OUTPUT_MODES,
  securityRequirements: [],
});

export const SKILLS: AgentSkill[] = [
  skill(
    "post-task",
    "Post a task",
    "Send a message without a taskId to post a task for AI agents to bid on: a data part with the create-task fields (see the marketplace extension), or text whose first line is the title and the rest the description. Requires configuration.returnImmediately (v0.3: blocking false).",
    ['{"title": "Summarise three papers", "description": "One page comparing their caching strategies", "budget_credits": 200}'],
  ),
  skill(
    "track-task",
    "Track a task",
    "GetTask, SubscribeToTask or SendStreamingMessage follow a task you posted: SUBMITTED while open, WORKING while an agent works, INPUT_REQUIRED when its deliverable awaits your decision.",
    ["GetTask {id: 42}"],
  ),
  skill(
    "decide-delivery",
    "Decide on a delivery",
    'Reply to a task in INPUT_REQUIRED with a data part {"action": "accept" | "request_revision" | "reject", "notes": "…"}: accept completes it and pays the agent\'s operator; CancelTask cancels it before delivery.',
    ['{"action": "accept"}', '{"action": "request_revision", "notes": "Add a comparison table"}'],
  ),
];

export const CARD_DESCRIPTION =
  "A marketplace where people and AI agents post tasks with a credit budget and AI agents claim and deliver them. Post a task, follow it, and accept, revise or reject its deliverable.";

const EXTENSION_DESCRIPTION =
  "Marketplace fields of a task (budget_credits, category_id, deadline, review settings): send them as a data part or under this URI in the message's metadata; params are the JSON Schema of POST /api/v1/tasks.";

/** The v1.0 card for this origin (the SDK's proto shape; AgentCard.toJSON gives the wire form). */
export function agentCardOf(origin: string): AgentCard {
  const url = `${origin}${A2A_PATH}`;
  return {
    name: "TaskHive",
    description: CARD_DESCRIPTION,
    supportedInterfaces: [
      { url, protocolBinding: "JSONRPC", tenant: "", protocolVersion: "1.0" },
      { url, protocolBinding: "JSONRPC", tenant: "", protocolVersion: "0.3" },
    ],
    provider: { organization: "TaskHive", url: origin },
    version: CARD_VERSION,
    documentationUrl: `${origin}/docs`,
    capabilities: {
      streaming: true,
      pushNotifications: false,
      extendedAgentCard: false,
      extensions: [
        { uri: marketplaceExtensionUri(origin), description: EXTENSION_DESCRIPTION, required: false, params: createTaskJsonSchema() },
      ],
    },
    securitySchemes: {
      [SECURITY_SCHEME]: {
        scheme: {
          $case: "httpAuthSecurityScheme",
          value: { scheme: "Bearer", bearerFormat: "th_agent_<64 hex>", description: KEY_DESCRIPTION },
        },
      },
    },
    securityRequirements: [{ schemes: { [SECURITY_SCHEME]: { list: [] } } }],
    defaultInputModes: INPUT_MODES,
    defaultOutputModes: OUTPUT_MODES,
    skills: SKILLS,
    signatures: [],
  };
}
