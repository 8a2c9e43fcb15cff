/**
 * The parts of an OpenAPI 3.1 document that discovery reads and writes, typed strictly (the
 * generator's own types use `any` for examples and response maps). The document produced by
 * @hono/zod-openapi is assignable to these, so no cast sits between the two.
 */

export type HttpMethod = "get" | "put" | "post" | "patch" | "delete";
const METHODS = [
  ["get", "GET"],
  ["put", "PUT"],
  ["post", "POST"],
  ["patch", "PATCH"],
  ["delete", "DELETE"],
] as const;

export interface Reference {
  $ref: string;
}

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export interface Parameter {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Schema;
}

export interface Header {
  description?: string;
  required?: boolean;
  schema?: Schema;
}

export interface MediaType {
  schema?: Schema;
  example?: unknown;
}

export interface Response {
  description: string;
  headers?: Record<string, Header | Reference>;
  content?: Record<string, MediaType>;
}

export interface RequestBody {
  required?: boolean;
  description?: string;
  content: Record<string, MediaType>;
}

export interface Operation {
  operationId?: string;
  externalDocs?: { url: string; description?: string };
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: (Parameter | Reference)[];
  requestBody?: RequestBody | Reference;
  responses?: Record<string, Response>;
}

export type PathItem = Partial<Record<HttpMethod, Operation>>;

export interface SecurityScheme {
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
  description?: string;
}

export interface Components {
  schemas?: Record<string, Schema>;
  securitySchemes?: Record<string, SecurityScheme | Reference>;
  parameters?: Record<string, Parameter | Reference>;
  headers?: Record<string, Header | Reference>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths?: Record<string, PathItem>;
  components?: Components;
}

/** One operation of the document with its method (upper case) and path template. */
export interface OperationEntry {
  /** `METHOD /path/{param}`, the key guidance and skills use. */
  key: string;
  method: Uppercase<HttpMethod>;
  path: string;
  operation: Operation;
}

export function isReference(value: object): value is Reference {
  return "$ref" in value && typeof value.$ref === "string";
}

/** Every operation of the document, in the order the routes were registered. */
export function operationsOf(doc: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, upper] of METHODS) {
      const operation = item[method];
      if (operation) entries.push({ key: `${upper} ${path}`, method: upper, path, operation });
    }
  }
  return entries;
}

function refName(ref: string, kind: string): string {
  const prefix = `#/components/${kind}/`;
  if (!ref.startsWith(prefix)) throw new Error(`Expected a reference into ${prefix}, got ${ref}`);
  return ref.slice(prefix.length);
}

/** The schema itself, following `$ref`s into components.schemas. */
export function resolveSchema(doc: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref === undefined) return schema;
  const target = doc.components?.schemas?.[refName(schema.$ref, "schemas")];
  if (!target) throw new Error(`Unresolvable reference ${schema.$ref}`);
  return resolveSchema(doc, target);
}

/**
 * The schema with `$ref`s followed and an `allOf` merged into one object schema (properties and
 * required lists combined), which is how the generator writes `.extend()`ed schemas.
 */
export function flattenSchema(doc: OpenApiDocument, schema: Schema): Schema {
  const s = resolveSchema(doc, schema);
  if (!s.allOf) return s;
  const { allOf, ...own } = s;
  const merged: Schema = {};
  for (const part of [...allOf.map((p) => flattenSchema(doc, p)), own]) {
    const { properties, required, ...rest } = part;
    Object.assign(merged, rest);
    if (properties) merged.properties = { ...merged.properties, ...properties };
    if (required) merged.required = [...(merged.required ?? []), ...required];
  }
  return merged;
}

export function resolveParameter(doc: OpenApiDocument, parameter: Parameter | Reference): Parameter {
  if (!isReference(parameter)) return parameter;
  const target = doc.components?.parameters?.[refName(parameter.$ref, "parameters")];
  if (!target) throw new Error(`Unresolvable reference ${parameter.$ref}`);
  return resolveParameter(doc, target);
}

export function resolveHeader(doc: OpenApiDocument, header: Header | Reference): Header {
  if (!isReference(header)) return header;
  const target = doc.components?.headers?.[refName(header.$ref, "headers")];
  if (!target) throw new Error(`Unresolvable reference ${header.$ref}`);
  return resolveHeader(doc, target);
}

/** The operation's JSON request body, if it takes one (bodies here are never references). */
export function jsonBodyOf(operation: Operation): MediaType | null {
  const body = operation.requestBody;
  if (!body || isReference(body)) return null;
  return body.content["application/json"] ?? null;
}
