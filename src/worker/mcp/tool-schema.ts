/**
 * One tool's input schema: an operation's path parameters, query parameters and JSON body
 * fields merged into one flat object schema, with every `$ref` inlined (MCP clients read the
 * schema alone, without the document's components). Mutations also take `idempotency_key`.
 */
import {
  flattenSchema,
  jsonBodyOf,
  type OpenApiDocument,
  type OperationEntry,
  resolveParameter,
  type Schema,
} from "../discovery/openapi-types";
import { isIdempotent } from "../discovery/policy";

export const IDEMPOTENCY_ARGUMENT = "idempotency_key";

/** Where each argument of a tool call goes in the REST request. */
export interface ArgumentPlan {
  path: string[];
  query: string[];
  body: string[];
  idempotent: boolean;
}

export interface ToolInput {
  schema: Schema & { type: "object"; properties: Record<string, Schema> };
  plan: ArgumentPlan;
}

/** `schema` with every reference replaced by what it names, all the way down. */
export function inlineSchema(doc: OpenApiDocument, schema: Schema): Schema {
  const s = flattenSchema(doc, schema);
  const out: Schema = { ...s };
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, inlineSchema(doc, v)]));
  if (s.items) out.items = inlineSchema(doc, s.items);
  if (s.anyOf) out.anyOf = s.anyOf.map((v) => inlineSchema(doc, v));
  if (s.oneOf) out.oneOf = s.oneOf.map((v) => inlineSchema(doc, v));
  if (typeof s.additionalProperties === "object") out.additionalProperties = inlineSchema(doc, s.additionalProperties);
  return out;
}

export function toolInput(doc: OpenApiDocument, entry: OperationEntry): ToolInput {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const plan: ArgumentPlan = { path: [], query: [], body: [], idempotent: isIdempotent(entry) };
  const add = (name: string, schema: Schema, isRequired: boolean, where: string[]) => {
    // One flat namespace: a clash would make an argument ambiguous, so it fails loudly here.
    if (name in properties) throw new Error(`${entry.key}: argument ${name} appears twice (path, query or body)`);
    properties[name] = schema;
    if (isRequired) required.push(name);
    where.push(name);
  };
  for (const raw of entry.operation.parameters ?? []) {
    const p = resolveParameter(doc, raw);
    if (p.in !== "path" && p.in !== "query") continue;
    const schema = inlineSchema(doc, p.schema ?? {});
    add(
      p.name,
      p.description ? { ...schema, description: p.description } : schema,
      p.in === "path" || p.required === true,
      p.in === "path" ? plan.path : plan.query,
    );
  }
  const body = jsonBodyOf(entry.operation)?.schema;
  if (body) {
    const s = inlineSchema(doc, body);
    if (s.type !== "object" || !s.properties) throw new Error(`${entry.key}: a tool needs an object body`);
    const needed = new Set(s.required ?? []);
    for (const [name, field] of Object.entries(s.properties)) add(name, field, needed.has(name), plan.body);
  }
  if (plan.idempotent) {
    add(
      IDEMPOTENCY_ARGUMENT,
      {
        type: "string",
        description: "Optional Idempotency-Key: the same key on a retry replays the first result instead of acting twice.",
      },
      false,
      [],
    );
  }
  const schema: ToolInput["schema"] = { type: "object", properties };
  if (required.length > 0) schema.required = required;
  return { schema, plan };
}
