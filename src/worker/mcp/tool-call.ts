/**
 * A tool call as the REST request it stands for: path arguments substituted into the template,
 * query arguments into the query string, the rest into the JSON body, `idempotency_key` into
 * the Idempotency-Key header. Everything else (types, ranges, required body fields) is checked
 * by the REST operation itself, so a tool's refusals read exactly like the API's.
 */
import { requestErrors } from "../../domain/error-catalogue";
import type { AppError } from "../../domain/errors";
import { IDEMPOTENCY_ARGUMENT } from "./tool-schema";
import type { McpTool } from "./tool-set";

export interface RestRequest {
  method: string;
  path: string;
  body?: Record<string, unknown>;
  idempotencyKey?: string;
}

export function restRequestOf(tool: McpTool, args: Record<string, unknown>): RestRequest | AppError {
  const { plan } = tool.input;
  const known = new Set([...plan.path, ...plan.query, ...plan.body, ...(plan.idempotent ? [IDEMPOTENCY_ARGUMENT] : [])]);
  const unknown = Object.keys(args).find((name) => !known.has(name));
  if (unknown !== undefined)
    return requestErrors.validation(unknown, `is not an argument of ${tool.name}; it takes ${[...known].join(", ") || "none"}`);

  let path = tool.path;
  for (const name of plan.path) {
    const value = args[name];
    if (value === undefined || value === null || value === "") return requestErrors.validation(name, "is required");
    path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
  }
  const query = new URLSearchParams();
  for (const name of plan.query) if (args[name] !== undefined && args[name] !== null) query.set(name, String(args[name]));
  const request: RestRequest = { method: tool.method, path: query.size > 0 ? `${path}?${query}` : path };
  if (plan.body.length > 0)
    request.body = Object.fromEntries(plan.body.filter((name) => args[name] !== undefined).map((name) => [name, args[name]]));
  const key = args[IDEMPOTENCY_ARGUMENT];
  if (key !== undefined) {
    if (typeof key !== "string") return requestErrors.validation(IDEMPOTENCY_ARGUMENT, "must be a string");
    request.idempotencyKey = key;
  }
  return request;
}
