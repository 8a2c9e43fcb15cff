/**
 * Checks a JSON value against a schema of the served OpenAPI document: the subset of JSON
 * Schema the generator emits (types, enums, required, properties, items, unions, allOf, bounds).
 * Stricter than JSON Schema in one way, on purpose: an object may not carry properties its
 * schema does not list (unless it declares additionalProperties), because a field the
 * document does not describe is drift just as much as a missing one.
 */
import { flattenSchema, type OpenApiDocument, type Schema } from "../../src/worker/discovery/openapi-types";

/** Every way `value` departs from `schema`, as `path: problem` lines; empty when it conforms. */
export function schemaProblems(doc: OpenApiDocument, schema: Schema, value: unknown, path = "$"): string[] {
  const s = flattenSchema(doc, schema);
  const variants = s.oneOf ?? s.anyOf;
  if (variants) {
    const results = variants.map((v) => schemaProblems(doc, v, value, path));
    const passing = results.filter((r) => r.length === 0).length;
    if (s.oneOf ? passing === 1 : passing > 0) return [];
    return [`${path}: matches ${passing} of ${variants.length} alternatives (${results.map((r) => r[0] ?? "ok").join(" | ")})`];
  }
  if (s.enum && !s.enum.some((e) => e === value)) return [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`];
  if (s.const !== undefined && s.const !== value) return [`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(s.const)}`];
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.length > 0 && !types.some((t) => hasType(value, t))) return [`${path}: ${JSON.stringify(value)} is not ${types.join(" or ")}`];
  if (value === null) return [];
  return [...boundProblems(s, value, path), ...containerProblems(doc, s, value, path)];
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function boundProblems(s: Schema, value: unknown, path: string): string[] {
  const problems: string[] = [];
  if (typeof value === "number") {
    if (s.minimum !== undefined && value < s.minimum) problems.push(`${path}: ${value} < ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) problems.push(`${path}: ${value} > ${s.maximum}`);
  }
  if (typeof value === "string") {
    if (s.minLength !== undefined && value.length < s.minLength) problems.push(`${path}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && value.length > s.maxLength) problems.push(`${path}: longer than ${s.maxLength}`);
  }
  return problems;
}

function containerProblems(doc: OpenApiDocument, s: Schema, value: unknown, path: string): string[] {
  if (Array.isArray(value)) {
    const items = s.items;
    return items ? value.flatMap((item, i) => schemaProblems(doc, items, item, `${path}[${i}]`)) : [];
  }
  if (typeof value !== "object" || value === null || !s.properties) return [];
  const record = value as Record<string, unknown>;
  const problems = (s.required ?? []).filter((name) => !(name in record)).map((name) => `${path}.${name}: missing`);
  for (const [name, item] of Object.entries(record)) {
    const property = s.properties[name];
    if (property) problems.push(...schemaProblems(doc, property, item, `${path}.${name}`));
    else if (s.additionalProperties === undefined || s.additionalProperties === false)
      problems.push(`${path}.${name}: not in the document`);
  }
  return problems;
}
