/**
 * The Error Codes table of a skill: the refusals every operation of its kind can give (derived
 * from the document: authentication, rate limit, idempotency, body and parameter validation),
 * then the operation's own from its guidance. Texts come from the error catalogue and the
 * validation hook run on sample input, so they are the texts the API answers with.
 */
import { z } from "@hono/zod-openapi";
import { MAX_BODY_BYTES } from "../../../domain/constants";
import { authErrors, limitErrors, realtimeErrors, requestErrors } from "../../../domain/error-catalogue";
import type { AppError } from "../../../domain/errors";
import { idParam } from "../../http/schema";
import { validationError } from "../../http/validation";
import { TICKET_SCHEME } from "../../live/schema";
import { primaryType } from "../examples";
import type { OperationGuidance } from "../guidance/types";
import { jsonBodyOf, type OpenApiDocument, type OperationEntry, type Parameter, resolveParameter, resolveSchema } from "../openapi-types";
import { DEFAULT_RATE_LIMIT_PER_MINUTE, IDEMPOTENCY_KEY_MAX_LENGTH, isGuarded, isIdempotent, SAMPLE_RETRY_AFTER } from "../policy";
import { streamKindOf } from "../streaming";

export interface ErrorRow {
  status: number;
  code: string;
  message: string;
  suggestion: string;
}

export function errorRows(doc: OpenApiDocument, entry: OperationEntry, guidance: OperationGuidance): ErrorRow[] {
  const errors = [
    ...authenticationErrors(entry),
    ...parameterErrors(doc, entry),
    ...bodyErrors(doc, entry),
    ...idempotencyErrors(entry),
    ...guidance.errors,
  ];
  const rows = new Map<string, ErrorRow>();
  for (const e of errors) {
    const row = { status: e.status, code: e.code, message: e.message, suggestion: e.suggestion };
    rows.set(`${row.status} ${row.code} ${row.message}`, row);
  }
  // Stable: by status, then in the order above (generic causes before specific ones).
  return [...rows.values()].sort((a, b) => a.status - b.status);
}

function schemesOf(entry: OperationEntry): Set<string> {
  return new Set((entry.operation.security ?? []).flatMap((requirement) => Object.keys(requirement)));
}

function authenticationErrors(entry: OperationEntry): AppError[] {
  if (!isGuarded(entry)) return [];
  const schemes = schemesOf(entry);
  const errors = [authErrors.missingCredentials()];
  if (schemes.has("AgentKey")) errors.push(authErrors.invalidApiKey(), authErrors.agentInactive("paused"));
  if (schemes.has("Session")) {
    errors.push(authErrors.invalidSession());
    if (entry.method !== "GET") errors.push(authErrors.crossOrigin("https://elsewhere.example"));
    // A stream is a GET, but a cookie alone must not open it from another site (see same-origin.ts).
    else if (streamKindOf(entry.operation) !== null) errors.push(realtimeErrors.crossOriginStream("https://elsewhere.example"));
  }
  if (schemes.has(TICKET_SCHEME)) errors.push(realtimeErrors.invalidTicket(), realtimeErrors.expiredTicket());
  errors.push(limitErrors.rateLimited(DEFAULT_RATE_LIMIT_PER_MINUTE, SAMPLE_RETRY_AFTER));
  return errors;
}

function idempotencyErrors(entry: OperationEntry): AppError[] {
  if (!isIdempotent(entry)) return [];
  return [
    limitErrors.idempotencyKeyEmpty(),
    limitErrors.idempotencyKeyTooLong(IDEMPOTENCY_KEY_MAX_LENGTH + 1, IDEMPOTENCY_KEY_MAX_LENGTH),
    limitErrors.idempotencyInFlight(),
    limitErrors.idempotencyMismatch(entry.method, entry.path.replace(/\{\w+\}/g, "42")),
  ];
}

function bodyErrors(doc: OpenApiDocument, entry: OperationEntry): AppError[] {
  const body = jsonBodyOf(entry.operation);
  if (!body?.schema) return [];
  const errors = [
    requestErrors.payloadTooLarge(MAX_BODY_BYTES),
    requestErrors.unsupportedMediaType("text/plain"),
    requestErrors.malformedJson(),
  ];
  const firstRequired = resolveSchema(doc, body.schema).required?.[0];
  if (firstRequired !== undefined) errors.push(requestErrors.validation(firstRequired, "is required"));
  return errors;
}

/**
 * What the validation hook answers for a bad query or path parameter, found by running the hook
 * on a sample bad value under a zod schema with the parameter's documented constraint.
 */
function parameterErrors(doc: OpenApiDocument, entry: OperationEntry): AppError[] {
  const errors: AppError[] = [];
  for (const raw of entry.operation.parameters ?? []) {
    const p = resolveParameter(doc, raw);
    const schema = resolveSchema(doc, p.schema ?? {});
    // Every path parameter of this API is an id; another kind must state its errors in guidance.
    if (p.in === "path" && primaryType(schema) === "integer") errors.push(...probe(p, "param", idParam(p.name), "abc"));
    if (p.in !== "query") continue;
    if (p.name === "cursor") {
      errors.push(requestErrors.invalidCursor());
      continue;
    }
    if (p.required) errors.push(...probe(p, "query", z.string(), undefined));
    if (schema.enum) errors.push(...probe(p, "query", z.enum(schema.enum.map(String)), "unknown"));
    const type = primaryType(schema);
    if ((type === "integer" || type === "number") && schema.minimum !== undefined) {
      errors.push(...probe(p, "query", z.coerce.number().min(schema.minimum), String(schema.minimum - 1)));
    }
  }
  return errors;
}

function probe(p: Parameter, target: "param" | "query", schema: z.ZodType, value: string | undefined): AppError[] {
  const input = value === undefined ? {} : { [p.name]: value };
  const result = z.object({ [p.name]: schema }).safeParse(input);
  return result.success ? [] : [validationError(result.error.issues, target, input)];
}
