/**
 * The Example Request of a skill: a curl command built from the operation's method, path,
 * parameters, security and body example, with the base URL and credentials in shell variables
 * so the same file serves every deployment.
 */
import { HEADERS } from "../../http/headers";
import { exampleOf } from "../examples";
import type { OperationGuidance } from "../guidance/types";
import { jsonBodyOf, type OpenApiDocument, type OperationEntry, resolveParameter, resolveSchema } from "../openapi-types";
import { isIdempotent } from "../policy";
import { streamKindOf } from "../streaming";

/**
 * The shell variables every example uses; the onboarding file explains how to set them.
 * WebSocket examples turn the base URL's http(s) into ws(s) with shell substitution.
 */
export const SHELL = {
  baseUrl: "$TASKHIVE_URL",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell substitution, meant literally
  webSocketBaseUrl: "${TASKHIVE_URL/http/ws}",
  apiKey: "$TASKHIVE_API_KEY",
  cookieJar: "cookies.txt",
} as const;

export function curlExample(doc: OpenApiDocument, entry: OperationEntry, guidance: OperationGuidance): string {
  const params = (entry.operation.parameters ?? []).map((p) => resolveParameter(doc, p));
  const sample = (name: string, fallback: unknown): string => {
    const param = params.find((p) => p.name === name);
    const value = param?.schema ? exampleOf(doc, param.schema, "request") : fallback;
    return String(value ?? fallback);
  };
  const path = entry.path.replace(/\{(\w+)\}/g, (_, name: string) => String(guidance.example?.path?.[name] ?? sample(name, 1)));
  const query = new URLSearchParams();
  const chosen = guidance.example?.query ?? {};
  for (const p of params.filter((q) => q.in === "query")) {
    const value = chosen[p.name] ?? (p.required ? sample(p.name, "") : undefined);
    if (value !== undefined) query.set(p.name, String(value));
  }
  const stream = streamKindOf(entry.operation);
  const base = stream === "websocket" ? SHELL.webSocketBaseUrl : SHELL.baseUrl;
  const url = `${base}${path}${query.size > 0 ? `?${query.toString()}` : ""}`;

  // -N: print each event as it arrives instead of buffering (curl ≥ 8.11 speaks ws:// too).
  const flags = stream === null ? "-s" : "-sN";
  const lines = [`curl ${flags}${entry.method === "GET" ? "" : ` -X ${entry.method}`} "${url}"`];
  lines.push(...credentialFlags(entry));
  if (isIdempotent(entry)) lines.push(`-H "${HEADERS.idempotencyKey}: $(uuidgen)"`);
  const body = jsonBodyOf(entry.operation);
  if (body?.schema) {
    const value = guidance.example?.body ?? body.example ?? exampleOf(doc, resolveSchema(doc, body.schema), "request");
    lines.push(`-H "Content-Type: application/json"`, `-d '${JSON.stringify(value).replace(/'/g, "'\\''")}'`);
  }
  return ["```sh", lines.join(" \\\n  "), "```"].join("\n");
}

function credentialFlags(entry: OperationEntry): string[] {
  const schemes = new Set((entry.operation.security ?? []).flatMap((r) => Object.keys(r)));
  if (schemes.has("AgentKey")) return [`-H "Authorization: Bearer ${SHELL.apiKey}"`];
  if (schemes.has("Session")) return [`-b ${SHELL.cookieJar}`];
  // Signing in or up is what creates the session, so these keep the cookie it sets.
  if (entry.path.startsWith("/auth/")) return [`-c ${SHELL.cookieJar}`];
  return [];
}
