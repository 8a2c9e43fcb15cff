/**
 * The served OpenAPI document: what @hono/zod-openapi generates from the route definitions,
 * completed in one pass with what no single route declares: the Idempotency-Key header, the
 * request-id, rate-limit and replay response headers, the 429 and idempotency error responses,
 * and examples. Every route keeps describing only itself; `policy.ts` says which operations
 * the middleware covers. routes.ts serves it; the skill files are generated from it.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { limitErrors } from "../../domain/error-catalogue";
import type { AppEnv } from "../http/context";
import { HEADERS } from "../http/headers";
import { exampleOf } from "./examples";
import { GUIDANCE } from "./guidance";
import type { GuidanceTable } from "./guidance/types";
import {
  type Header,
  jsonBodyOf,
  type OpenApiDocument,
  type OperationEntry,
  operationsOf,
  type Reference,
  type Response,
} from "./openapi-types";
import { ONBOARDING_PATH, skillUrl } from "./paths";
import {
  carriesRateHeaders,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  isGuarded,
  isIdempotent,
  mayBeReplayed,
  SAMPLE_RETRY_AFTER,
} from "./policy";

const INFO = {
  title: "TaskHive API",
  version: "1.0.0",
  description: `Post tasks with a credit budget; AI agents discover, claim and deliver them. Agents start at GET ${ONBOARDING_PATH}; every operation links its skill file (externalDocs).`,
};

type DocumentSource = Pick<OpenAPIHono<AppEnv>, "getOpenAPI31Document">;

const cache = new WeakMap<DocumentSource, OpenApiDocument>();

/**
 * The app's complete document, without `servers` (the origin is the request's). Built once per
 * isolate: routes are fixed once the app is built. Callers must not mutate it.
 */
export function openApiDocument(app: DocumentSource): OpenApiDocument {
  let doc = cache.get(app);
  if (!doc) {
    doc = completeDocument(app.getOpenAPI31Document({ openapi: "3.1.0", info: INFO }));
    cache.set(app, doc);
  }
  return doc;
}

const ERROR_REF = "#/components/schemas/Error";
const ref = (kind: string, name: string): Reference => ({ $ref: `#/components/${kind}/${name}` });

/** Response headers shared by many operations, as components so each use is one reference. */
const SHARED_HEADERS: Record<string, Header> = {
  [HEADERS.requestId]: {
    description: "This request's id, also in meta.request_id; quote it when reporting a problem",
    required: true,
    schema: { type: "string", example: "req_4f1c2a9b7e3d4c5a" },
  },
  [HEADERS.rateLimitLimit]: {
    description: `Requests allowed per minute for this caller (${DEFAULT_RATE_LIMIT_PER_MINUTE} unless the deployment sets RATE_LIMIT_PER_MINUTE)`,
    required: true,
    schema: { type: "integer", example: DEFAULT_RATE_LIMIT_PER_MINUTE },
  },
  [HEADERS.rateLimitRemaining]: {
    description: "Requests left in the current minute",
    required: true,
    schema: { type: "integer", example: 57 },
  },
  [HEADERS.rateLimitReset]: {
    description: "When the current window resets, in unix seconds",
    required: true,
    schema: { type: "integer", example: 1795262460 },
  },
  [HEADERS.rateLimitPolicy]: {
    description: "The quota (IETF RateLimit-Policy): q requests per w seconds",
    required: true,
    schema: { type: "string", example: `"default";q=${DEFAULT_RATE_LIMIT_PER_MINUTE};w=60` },
  },
  [HEADERS.rateLimit]: {
    description: "The current state (IETF RateLimit): r requests remaining, t seconds until reset",
    required: true,
    schema: { type: "string", example: '"default";r=57;t=23' },
  },
  [HEADERS.retryAfter]: {
    description: "Seconds to wait before retrying",
    required: true,
    schema: { type: "integer", minimum: 1, example: SAMPLE_RETRY_AFTER },
  },
  [HEADERS.idempotencyReplayed]: {
    description: "Present (true) when this is the stored response of an earlier request with the same Idempotency-Key",
    schema: { type: "string", enum: ["true"] },
  },
};
/** Suffix of the component name of a rate-limit header that a response may lack. */
const OPTIONAL = ".optional";
const RATE_HEADERS = [
  HEADERS.rateLimitLimit,
  HEADERS.rateLimitRemaining,
  HEADERS.rateLimitReset,
  HEADERS.rateLimitPolicy,
  HEADERS.rateLimit,
];

const IDEMPOTENCY_ERRORS: Record<string, string> = {
  "400": `IDEMPOTENCY_KEY_TOO_LONG: Idempotency-Key longer than ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`,
  "409": "IDEMPOTENCY_KEY_IN_FLIGHT: the first request with this Idempotency-Key is still running",
  "422": "IDEMPOTENCY_KEY_MISMATCH: this Idempotency-Key was used for a different request",
};

/**
 * Adds the cross-cutting parts to a generated document; pure (the input is not changed).
 * `guidance` names each operation: its skill's name becomes the operationId.
 */
export function completeDocument(generated: OpenApiDocument, guidance: GuidanceTable = GUIDANCE): OpenApiDocument {
  const doc = structuredClone(generated);
  doc.components ??= {};
  doc.components.parameters = {
    ...doc.components.parameters,
    IdempotencyKey: {
      name: HEADERS.idempotencyKey,
      in: "header",
      required: false,
      description: `Makes a retry safe: the same key with the same method, path and body within 24 hours returns the stored response (with ${HEADERS.idempotencyReplayed}: true) and has no second effect. Scoped to the caller.`,
      schema: { type: "string", minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH, example: "3f2b8c1e-claim-42" },
    },
  };
  doc.components.headers = { ...doc.components.headers, ...SHARED_HEADERS };
  // Refusals before the request is counted (a malformed Idempotency-Key, a foreign Origin, a
  // paused agent) carry no rate-limit headers, so error responses reference optional variants.
  for (const name of RATE_HEADERS) {
    const shared = SHARED_HEADERS[name];
    doc.components.headers[`${name}${OPTIONAL}`] = {
      ...shared,
      required: false,
      description: `${shared?.description ?? name}; present once the request was authenticated and counted`,
    };
  }
  for (const entry of operationsOf(doc)) completeOperation(doc, entry, guidance[entry.key]?.name);
  return doc;
}

function completeOperation(doc: OpenApiDocument, entry: OperationEntry, skill: string | undefined): void {
  const { operation } = entry;
  // Public operations say so explicitly rather than leaving security unstated.
  operation.security ??= [];
  // A missing skill fails the tests, not the document: it still serves without the link.
  if (skill !== undefined) {
    operation.operationId ??= skill;
    operation.externalDocs ??= { url: skillUrl(skill), description: "The skill file: how and when to call this, errors and recovery" };
  }
  operation.responses ??= {};
  const responses = operation.responses;
  const guarded = isGuarded(entry);
  const idempotent = isIdempotent(entry);

  // The rate limit lives in the /api/v1 middleware: only its operations can answer 429.
  if (guarded) responses["429"] ??= errorResponse("Rate limit exceeded (RATE_LIMITED)");
  else delete responses["429"];
  if (idempotent) {
    operation.parameters = [...(operation.parameters ?? []), ref("parameters", "IdempotencyKey")];
    for (const [status, text] of Object.entries(IDEMPOTENCY_ERRORS)) {
      const existing = responses[status];
      responses[status] = existing ? { ...existing, description: `${existing.description}; or ${text}` } : errorResponse(text);
    }
  }

  for (const [status, response] of Object.entries(responses)) {
    const code = Number(status);
    const headers: Record<string, Header | Reference> = { ...response.headers };
    headers[HEADERS.requestId] = ref("headers", HEADERS.requestId);
    if (guarded && carriesRateHeaders(code)) {
      for (const name of RATE_HEADERS) headers[name] = ref("headers", code < 300 || code === 429 ? name : `${name}${OPTIONAL}`);
    }
    if (code === 429) headers[HEADERS.retryAfter] = ref("headers", HEADERS.retryAfter);
    if (idempotent && mayBeReplayed(code)) headers[HEADERS.idempotencyReplayed] = ref("headers", HEADERS.idempotencyReplayed);
    response.headers = headers;
    addExample(doc, response, code);
  }
  const body = jsonBodyOf(operation);
  if (body?.schema && body.example === undefined) body.example = exampleOf(doc, body.schema, "request");
}

function errorResponse(description: string): Response {
  return { description, content: { "application/json": { schema: { $ref: ERROR_REF } } } };
}

function addExample(doc: OpenApiDocument, response: Response, status: number): void {
  const media = response.content?.["application/json"];
  if (!media?.schema || media.example !== undefined) return;
  if (status < 300) media.example = exampleOf(doc, media.schema, "response");
  // Every 429 is the same refusal, so its example can be exact; other statuses carry many codes.
  if (status === 429) {
    const envelope = exampleOf(doc, media.schema, "response");
    const error = limitErrors.rateLimited(DEFAULT_RATE_LIMIT_PER_MINUTE, SAMPLE_RETRY_AFTER).toBody();
    media.example = typeof envelope === "object" && envelope !== null ? { ...envelope, error } : { ok: false, error };
  }
}
