/**
 * The agent card for v0.3 readers: the v1.0 card's facts in the v0.3 JSON shape (top-level
 * `url`, `preferredTransport`, `protocolVersion`; `type`-tagged security schemes). The SDK
 * keeps its own translator private to its Express router, so the few fields are mapped here.
 */
import type { AgentCard } from "@a2a-js/sdk";
import { SECURITY_SCHEME } from "./card";

export function legacyCardJson(card: AgentCard): Record<string, unknown> {
  const primary = card.supportedInterfaces.find((i) => i.protocolVersion === "0.3");
  if (!primary) throw new Error("the agent card declares no v0.3 interface");
  const scheme = card.securitySchemes[SECURITY_SCHEME]?.scheme;
  const http = scheme?.$case === "httpAuthSecurityScheme" ? scheme.value : null;
  return {
    protocolVersion: "0.3.0",
    name: card.name,
    description: card.description,
    url: primary.url,
    preferredTransport: primary.protocolBinding,
    provider: card.provider,
    version: card.version,
    documentationUrl: card.documentationUrl,
    capabilities: {
      streaming: card.capabilities?.streaming,
      pushNotifications: card.capabilities?.pushNotifications,
      extensions: card.capabilities?.extensions,
    },
    securitySchemes: http
      ? { [SECURITY_SCHEME]: { type: "http", scheme: "bearer", bearerFormat: http.bearerFormat, description: http.description } }
      : {},
    security: [{ [SECURITY_SCHEME]: [] }],
    defaultInputModes: card.defaultInputModes,
    defaultOutputModes: card.defaultOutputModes,
    skills: card.skills.map(({ id, name, description, tags, examples, inputModes, outputModes }) => ({
      id,
      name,
      description,
      tags,
      examples,
      inputModes,
      outputModes,
    })),
    supportsAuthenticatedExtendedCard: false,
  };
}
