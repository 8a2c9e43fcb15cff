/**
 * Renders one operation's skill file: the TaskHive skill sections in their contract order
 * (Tool, Purpose, Authentication, Parameters, Request Body, Response Shape, Error Codes,
 * Latency Target, Rate Limit, Idempotency, Rollback, Example Request, Example Response, Notes),
 * every fact read from the OpenAPI document, the prose from the operation's guidance.
 */
import { HEADERS } from "../../http/headers";
import { exampleOf } from "../examples";
import type { OperationGuidance } from "../guidance/types";
import {
  isReference,
  jsonBodyOf,
  type MediaType,
  type OpenApiDocument,
  type OperationEntry,
  resolveSchema,
  type SecurityScheme,
} from "../openapi-types";
import { DEFAULT_RATE_LIMIT_PER_MINUTE, IDEMPOTENCY_KEY_MAX_LENGTH, isGuarded, isIdempotent } from "../policy";
import { EVENT_STREAM } from "../streaming";
import { curlExample } from "./curl";
import { errorRows } from "./error-rows";
import { bodyFieldTable, code, parameterTable, responseFieldTable, table } from "./tables";

/** Latency targets the TaskHive contract sets; every other operation states its own. */
const CONTRACT_TARGETS: Record<string, number> = {
  "GET /api/v1/tasks": 10,
  "POST /api/v1/tasks/{id}/claims": 15,
  "POST /api/v1/tasks/{id}/deliverables": 15,
};

export function renderSkill(doc: OpenApiDocument, entry: OperationEntry, guidance: OperationGuidance): string {
  const { operation } = entry;
  const sections = [
    `# Skill: ${operation.summary ?? guidance.name}`,
    section("Tool", `${code(`${entry.method} ${entry.path}`)}${operation.tags?.length ? ` (${operation.tags.join(", ")})` : ""}`),
    section("Purpose", [operation.description, guidance.purpose].filter(Boolean).join("\n\n")),
    section("Authentication", authentication(doc, entry)),
    section("Parameters", parameterTable(doc, operation) ?? "None."),
    section("Request Body", requestBody(doc, entry)),
    section("Response Shape", responseShape(doc, entry)),
    section("Error Codes", errorTable(doc, entry, guidance)),
    section("Latency Target", latency(entry, guidance)),
    section("Rate Limit", rateLimit(entry)),
    section("Idempotency", idempotency(entry, guidance)),
    section("Rollback", rollback(entry, guidance)),
    section("Example Request", curlExample(doc, entry, guidance)),
    section("Example Response", exampleResponse(doc, entry)),
    section("Notes", guidance.notes.map((n) => `- ${n}`).join("\n") || "None."),
  ];
  return `${sections.join("\n\n")}\n`;
}

function section(title: string, body: string): string {
  return `## ${title}\n\n${body}`;
}

interface Success {
  status: string;
  description: string;
  media: MediaType | undefined;
  /** Server-Sent Events: `media` describes each event's data, not the body. */
  eventStream: boolean;
}

/** The lowest 1xx or 2xx response (a WebSocket upgrade answers 101): what a successful call answers. */
function successOf(entry: OperationEntry): Success {
  const [status, response] =
    Object.entries(entry.operation.responses ?? {})
      .filter(([s]) => s.startsWith("1") || s.startsWith("2"))
      .sort(([a], [b]) => a.localeCompare(b))[0] ?? [];
  if (!status || !response) throw new Error(`${entry.key} documents no success response`);
  const events = response.content?.[EVENT_STREAM];
  return {
    status,
    description: response.description,
    media: events ?? response.content?.["application/json"],
    eventStream: events !== undefined,
  };
}

function authentication(doc: OpenApiDocument, entry: OperationEntry): string {
  const schemes = (entry.operation.security ?? []).flatMap((r) => Object.keys(r));
  if (schemes.length === 0) return "None: this endpoint is public.";
  const lines = schemes.map((name) => {
    const scheme = doc.components?.securitySchemes?.[name];
    return `- **${name}**: ${scheme && !isReference(scheme) ? exactHeader(scheme) : name}`;
  });
  const either = schemes.length > 1 ? "Either credential works:" : "Only this credential is accepted:";
  return `${either}\n\n${lines.join("\n")}`;
}

function exactHeader(scheme: SecurityScheme): string {
  if (scheme.type === "http" && scheme.scheme === "bearer")
    return `${code(`Authorization: Bearer th_agent_<64 hex>`)} (an agent's API key)`;
  if (scheme.type === "apiKey" && scheme.in === "cookie") {
    return `${code(`Cookie: ${scheme.name ?? "session"}=<token>`)} (a person's session from POST /auth/login or POST /auth/register)`;
  }
  return scheme.description ?? scheme.type;
}

function requestBody(doc: OpenApiDocument, entry: OperationEntry): string {
  const body = jsonBodyOf(entry.operation);
  if (!body?.schema) return "None.";
  const example = body.example === undefined ? "" : `\n\n${json(body.example)}`;
  return `${code("Content-Type: application/json")}, required.\n\n${bodyFieldTable(doc, resolveSchema(doc, body.schema))}${example}`;
}

function responseShape(doc: OpenApiDocument, entry: OperationEntry): string {
  const { status, description, media, eventStream } = successOf(entry);
  const head = `${code(status)}: ${description}.`;
  if (!media?.schema) return head;
  if (eventStream)
    return `${head} ${code(`Content-Type: ${EVENT_STREAM}`)}; each event's \`data\` is one JSON object:\n\n${responseFieldTable(doc, media.schema)}`;
  const example = media.example === undefined ? "" : `\n\n${json(media.example)}`;
  return `${head}${example}\n\n${responseFieldTable(doc, media.schema)}`;
}

function errorTable(doc: OpenApiDocument, entry: OperationEntry, guidance: OperationGuidance): string {
  const rows = errorRows(doc, entry, guidance).map((r) => [String(r.status), code(r.code), r.message, r.suggestion]);
  const intro =
    'Every error is `{"ok": false, "error": {"code", "message", "suggestion"}, "meta"}`; the numbers in these messages are examples.';
  return `${intro}\n\n${table(["status", "code", "message", "suggestion"], rows)}`;
}

function latency(entry: OperationEntry, guidance: OperationGuidance): string {
  const contract = CONTRACT_TARGETS[entry.key];
  if (contract !== undefined && contract !== guidance.latencyMs) {
    throw new Error(`${entry.key}: the contract sets p95 < ${contract} ms; guidance says ${guidance.latencyMs}`);
  }
  const source = contract === undefined ? "" : " (the TaskHive contract's target)";
  return `p95 < ${guidance.latencyMs} ms${source}, measured at the Worker from request to response.`;
}

function rateLimit(entry: OperationEntry): string {
  if (!isGuarded(entry)) return "Not counted against the per-caller API limit; responses carry no rate-limit headers.";
  const headers = [HEADERS.rateLimitLimit, HEADERS.rateLimitRemaining, HEADERS.rateLimitReset, HEADERS.rateLimitPolicy, HEADERS.rateLimit];
  return [
    `${DEFAULT_RATE_LIMIT_PER_MINUTE} requests per minute per API key or signed-in person (the deployment may configure another number), counted exactly across every edge location.`,
    `Every response to an authenticated request carries ${headers.map(code).join(", ")} (${HEADERS.rateLimitReset}: unix seconds).`,
    `Over the limit: ${code("429 RATE_LIMITED")} with ${code(HEADERS.retryAfter)} (seconds); wait that long, or until ${code(HEADERS.rateLimitReset)}, before retrying.`,
  ].join("\n\n");
}

function idempotency(entry: OperationEntry, guidance: OperationGuidance): string {
  const extra = guidance.idempotency ? `\n\n${guidance.idempotency}` : "";
  if (entry.method === "GET") return `Not applicable: a read has no side effects; ${code(HEADERS.idempotencyKey)} is ignored.${extra}`;
  if (!isIdempotent(entry)) return `Not supported on this endpoint: ${code(HEADERS.idempotencyKey)} is ignored.${extra}`;
  return (
    [
      `Optional ${code(`${HEADERS.idempotencyKey}: <1..${IDEMPOTENCY_KEY_MAX_LENGTH} characters>`)} (a UUID works). Keys are scoped to the caller and kept 24 hours.`,
      `The same key with the same method, path and body returns the stored status and body with ${code(`${HEADERS.idempotencyReplayed}: true`)} and no second effect.`,
      `The same key with another request: ${code("422 IDEMPOTENCY_KEY_MISMATCH")}. While the first request still runs: ${code("409 IDEMPOTENCY_KEY_IN_FLIGHT")} (retry shortly). Error answers are stored and replayed too; only server failures are not.`,
    ].join("\n\n") + extra
  );
}

function rollback(entry: OperationEntry, guidance: OperationGuidance): string {
  if (guidance.rollback !== undefined) return guidance.rollback;
  if (entry.method === "GET") return "Not applicable: read-only.";
  throw new Error(`Guidance for ${entry.key} must say how to undo it (rollback)`);
}

function exampleResponse(doc: OpenApiDocument, entry: OperationEntry): string {
  const { status, description, media, eventStream } = successOf(entry);
  if (eventStream && media?.schema)
    return `HTTP ${status}, ${code(`Content-Type: ${EVENT_STREAM}`)}, then events like\n\n${sseExample(exampleOf(doc, media.schema, "response"))}`;
  if (status.startsWith("1")) return `HTTP ${status}: ${description}.`;
  return media?.example === undefined ? `HTTP ${status} with no body.` : `HTTP ${status}\n\n${json(media.example)}`;
}

/** One Server-Sent Event as it appears on the wire: its sequence as `id`, its type as `event`. */
function sseExample(data: unknown): string {
  const fields = typeof data === "object" && data !== null ? new Map(Object.entries(data)) : new Map<string, unknown>();
  const lines = [
    `id: ${String(fields.get("seq") ?? 1)}`,
    `event: ${String(fields.get("type") ?? "message")}`,
    `data: ${JSON.stringify(data)}`,
  ];
  return ["```text", ...lines, "```"].join("\n");
}

function json(value: unknown): string {
  return ["```json", JSON.stringify(value, null, 2), "```"].join("\n");
}
