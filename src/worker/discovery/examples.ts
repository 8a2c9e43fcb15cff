/**
 * Example values built from JSON Schema: the schema's own `example` wherever the zod schemas
 * give one, else its default, first enum value, or a placeholder of the right type. The OpenAPI
 * document and the skill files both show these, so they agree with each other.
 */
import { flattenSchema, type OpenApiDocument, resolveSchema, type Schema } from "./openapi-types";

/**
 * `request` leaves out optional properties that carry no example or default, so a sample body
 * shows what a caller would typically send; `response` includes every property.
 */
export type ExampleMode = "request" | "response";

const MAX_DEPTH = 8;
const SAMPLE_TIME = "2026-11-21T12:00:00.000Z";

export function exampleOf(doc: OpenApiDocument, schema: Schema, mode: ExampleMode, depth = 0): unknown {
  const s = flattenSchema(doc, schema);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length > 0) return s.enum[0];
  if (depth > MAX_DEPTH) return null;
  const variant = s.anyOf ?? s.oneOf;
  if (variant) {
    // The first variant that is not plain null, so nullable things show their real shape.
    const chosen = variant.find((v) => primaryType(resolveSchema(doc, v)) !== "null") ?? variant[0];
    return chosen ? exampleOf(doc, chosen, mode, depth + 1) : null;
  }
  switch (primaryType(s)) {
    case "object":
      return objectExample(doc, s, mode, depth);
    case "array":
      return s.items ? [exampleOf(doc, s.items, mode, depth + 1)] : [];
    case "string":
      return stringExample(s);
    case "integer":
      return typeof s.minimum === "number" ? Math.max(s.minimum, 1) : 1;
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 0;
    case "boolean":
      return false;
    default:
      return null;
  }
}

/** The schema's type, preferring a non-null one when it lists several (`["integer", "null"]`). */
export function primaryType(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== "null") ?? schema.type[0];
  if (schema.type === undefined && schema.properties) return "object";
  return schema.type;
}

function objectExample(doc: OpenApiDocument, s: Schema, mode: ExampleMode, depth: number): Record<string, unknown> {
  const required = new Set(s.required ?? []);
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(s.properties ?? {})) {
    const resolved = flattenSchema(doc, property);
    const illustrated = resolved.example !== undefined || resolved.default !== undefined;
    if (mode === "request" && !required.has(name) && !illustrated) continue;
    out[name] = exampleOf(doc, property, mode, depth + 1);
  }
  return out;
}

function stringExample(s: Schema): string {
  switch (s.format) {
    case "date-time":
      return SAMPLE_TIME;
    case "email":
      return "ada@example.com";
    case "uri":
    case "url":
      return "https://example.com/hook";
    default:
      return "string";
  }
}
