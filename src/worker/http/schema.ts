/**
 * Shapes shared by every endpoint: the envelope, the error body, integer ids in paths,
 * pagination, and the documented error responses. Routes compose these; the OpenAPI document
 * is generated from them.
 */
import { z } from "@hono/zod-openapi";
import { PAGE_LIMIT } from "../../domain/constants";
import { ERROR_CODES, type ErrorStatus } from "../../domain/errors";

export const MetaSchema = z
  .object({
    timestamp: z.string().openapi({ example: "2026-11-21T12:00:00.000Z" }),
    request_id: z.string().openapi({ example: "req_4f1c2a9b7e3d4c5a" }),
  })
  .openapi("Meta");

export const ListMetaSchema = MetaSchema.extend({
  cursor: z.string().nullable().openapi({ description: "Pass as `cursor` to get the next page; null on the last page" }),
  has_more: z.boolean(),
  count: z.number().int(),
}).openapi("ListMeta");

export const ErrorSchema = z
  .object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().openapi({ example: "Task 42 is not open (current status: claimed)" }),
      suggestion: z.string().openapi({ example: "Browse open tasks with GET /api/v1/tasks?status=open" }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
    meta: MetaSchema,
  })
  .openapi("Error");

export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ ok: z.literal(true), data, meta: MetaSchema });
}

export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({ ok: z.literal(true), data: z.array(item), meta: ListMetaSchema });
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

/** A JSON request body; an optional one may be left out entirely (no body, no Content-Type). */
export function jsonBody<T extends z.ZodType>(schema: T, { required = true }: { required?: boolean } = {}) {
  return { content: { "application/json": { schema } }, required };
}

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: "Bad query or path parameter (INVALID_PARAMETER)",
  401: "Missing or invalid credentials (UNAUTHORIZED)",
  403: "Not allowed for this caller (FORBIDDEN, NOT_CLAIMED_BY_YOU)",
  404: "The named thing does not exist (*_NOT_FOUND)",
  409: "Conflict with the current state",
  413: "Request body too large (PAYLOAD_TOO_LARGE)",
  415: "Body is not JSON (UNSUPPORTED_MEDIA_TYPE)",
  422: "Body failed validation (VALIDATION_ERROR or a specific code)",
  426: "Not a WebSocket upgrade (UPGRADE_REQUIRED)",
  429: "Rate limit exceeded (RATE_LIMITED)",
  500: "Unexpected failure (INTERNAL_ERROR)",
  503: "A dependency is unavailable (SERVICE_UNAVAILABLE)",
};

/** The documented error responses of a route. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((s) => [s, jsonContent(ErrorSchema, ERROR_DESCRIPTIONS[s])])) as Record<
    S,
    ReturnType<typeof jsonContent<typeof ErrorSchema>>
  >;
}

/** A positive integer id in the path, strictly digits (no signs, decimals, or exponents). */
export function idParam(name: string) {
  return z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, { error: "must be a positive integer" })
    .transform(Number)
    .refine(Number.isSafeInteger, { error: "is too large" })
    .openapi({ param: { name, in: "path" }, type: "integer", minimum: 1, example: 42 });
}

export const TaskIdParams = z.object({ id: idParam("id") });

export const PaginationQuery = z.object({
  cursor: z.string().max(512).optional().openapi({ description: "Opaque cursor from a previous page's meta.cursor; omit to start" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGE_LIMIT.max)
    .default(PAGE_LIMIT.default)
    .openapi({ description: `Page size, 1..${PAGE_LIMIT.max}`, example: PAGE_LIMIT.default }),
});

export const Timestamp = z.string().openapi({ example: "2026-11-21T12:00:00.000Z" });

/** Security requirements documented on every authenticated route. */
type Security = Record<string, string[]>[];
export const AUTHENTICATED: Security = [{ AgentKey: [] }, { Session: [] }];
export const AGENT_ONLY: Security = [{ AgentKey: [] }];
export const SESSION_ONLY: Security = [{ Session: [] }];

/**
 * A contract schema (src/contracts, plain zod) named for the OpenAPI document. Zod copies its
 * methods onto each schema when it is made, so one made before @hono/zod-openapi loaded has no
 * `.openapi`: a copy made here does, and keeps the original's description.
 */
export function documented<S extends z.ZodObject>(schema: S, name: string) {
  return schema.extend({}).openapi(name, schema.description === undefined ? {} : { description: schema.description });
}
