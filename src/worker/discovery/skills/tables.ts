/**
 * Markdown tables of a skill file, read from the OpenAPI document's schemas: the parameters,
 * the request body's fields and the response's fields, with types and constraints exactly as
 * the zod schemas that validate requests declare them.
 */
import { primaryType } from "../examples";
import { flattenSchema, type OpenApiDocument, type Operation, resolveParameter, type Schema } from "../openapi-types";

/** A GitHub-flavoured markdown table; cells are escaped so a `|` or newline cannot break it. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ").trim() || " ";
}

export const code = (text: string): string => `\`${text}\``;

/** The type as an agent would write it: `integer`, `string (date-time)`, `array of integer`, `Task`. */
function typeOf(doc: OpenApiDocument, schema: Schema): string {
  const nullable = Array.isArray(schema.type) && schema.type.includes("null");
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const named = variants.filter((v) => primaryType(flattenSchema(doc, v)) !== "null").map((v) => typeOf(doc, v));
    const orNull = variants.length > named.length ? " or null" : "";
    return `${[...new Set(named)].join(" or ")}${orNull}`;
  }
  if (schema.$ref !== undefined) {
    const resolved = typeOf(doc, flattenSchema(doc, schema));
    return resolved.replace(/^object\b/, `object (${schema.$ref.split("/").pop() ?? ""})`);
  }
  // `allOf: [{$ref}, {description}]` is how the generator annotates a reference.
  const annotated = schema.allOf?.find((part) => part.$ref !== undefined);
  if (annotated) return typeOf(doc, annotated);
  const s = flattenSchema(doc, schema);
  const base = primaryType(s) ?? "any";
  let text = base;
  if (base === "array" && s.items) text = `array of ${typeOf(doc, s.items)}`;
  else if (base === "string" && s.format) text = `string (${s.format})`;
  return nullable ? `${text} or null` : text;
}

/** min/max, lengths, allowed values and patterns, in words. */
function constraintsOf(doc: OpenApiDocument, schema: Schema): string {
  const s = flattenSchema(doc, schema);
  const parts: string[] = [];
  if (s.enum) parts.push(`one of ${s.enum.map((v) => code(String(v))).join(", ")}`);
  if (s.const !== undefined) parts.push(`always ${code(JSON.stringify(s.const))}`);
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (typeof s.exclusiveMinimum === "number") parts.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  if (typeof s.exclusiveMaximum === "number") parts.push(`< ${s.exclusiveMaximum}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) parts.push(`${s.minLength ?? 0}..${s.maxLength ?? "∞"} characters`);
  if (s.minItems !== undefined || s.maxItems !== undefined) parts.push(`${s.minItems ?? 0}..${s.maxItems ?? "∞"} items`);
  if (s.pattern !== undefined) parts.push(`matches ${code(s.pattern)}`);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) parts.push(...variants.map((v) => constraintsOf(doc, v)).filter((c) => c !== ""));
  return parts.join("; ");
}

function defaultOf(schema: Schema): string {
  return schema.default === undefined ? "" : code(JSON.stringify(schema.default));
}

export function parameterTable(doc: OpenApiDocument, operation: Operation): string | null {
  const params = (operation.parameters ?? []).map((p) => resolveParameter(doc, p));
  if (params.length === 0) return null;
  const rows = params.map((p) => {
    const schema = p.schema ?? {};
    return [
      code(p.name),
      p.in,
      typeOf(doc, schema),
      p.required ? "yes" : "no",
      defaultOf(flattenSchema(doc, schema)),
      constraintsOf(doc, schema),
      p.description ?? flattenSchema(doc, schema).description ?? "",
    ];
  });
  return table(["name", "in", "type", "required", "default", "constraints", "description"], rows);
}

interface Field {
  path: string;
  schema: Schema;
  required: boolean;
}

const MAX_DEPTH = 4;

/** Every field of an object schema, nested objects and arrays of objects flattened (`data[].poster.name`). */
function fieldsOf(doc: OpenApiDocument, schema: Schema, prefix = "", depth = 0): Field[] {
  const s = flattenSchema(doc, schema);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return unionFields(variants.map((v) => fieldsOf(doc, v, prefix, depth)));
  const required = new Set(s.required ?? []);
  const fields: Field[] = [];
  for (const [name, property] of Object.entries(s.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    fields.push({ path, schema: property, required: required.has(name) });
    if (depth >= MAX_DEPTH) continue;
    const inner = flattenSchema(doc, property);
    const nested = nestedObject(doc, inner);
    if (nested) fields.push(...fieldsOf(doc, nested.schema, `${path}${nested.suffix}`, depth + 1));
  }
  return fields;
}

/**
 * A union of objects (e.g. a bulk result: success or failure) lists each field once: present
 * always only if every variant requires it, typed as the union of the variants' types.
 */
function unionFields(perVariant: Field[][]): Field[] {
  const merged = new Map<string, { field: Field; schemas: Schema[] }>();
  for (const fields of perVariant) {
    for (const f of fields) {
      const seen = merged.get(f.path);
      if (!seen) merged.set(f.path, { field: f, schemas: [f.schema] });
      else if (!seen.schemas.some((s) => JSON.stringify(s) === JSON.stringify(f.schema))) seen.schemas.push(f.schema);
    }
  }
  return [...merged.values()].map(({ field, schemas }) => ({
    path: field.path,
    schema: schemas.length === 1 && schemas[0] ? schemas[0] : { anyOf: schemas },
    required: perVariant.every((fields) => fields.some((g) => g.path === field.path && g.required)),
  }));
}

/** The object a field leads into, if any: itself, its array items, or its non-null variant. */
function nestedObject(doc: OpenApiDocument, s: Schema): { schema: Schema; suffix: string } | null {
  const type = primaryType(s);
  if (type === "object" && s.properties) return { schema: s, suffix: "" };
  if (type === "array" && s.items) {
    const items = flattenSchema(doc, s.items);
    return hasFields(doc, items) ? { schema: items, suffix: "[]" } : null;
  }
  const variants = s.anyOf ?? s.oneOf;
  if (variants && hasFields(doc, s)) return { schema: s, suffix: "" };
  return null;
}

function hasFields(doc: OpenApiDocument, s: Schema): boolean {
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.some((v) => hasFields(doc, flattenSchema(doc, v)));
  return primaryType(s) === "object" && s.properties !== undefined;
}

export function bodyFieldTable(doc: OpenApiDocument, schema: Schema): string {
  const rows = fieldsOf(doc, schema).map((f) => {
    const s = flattenSchema(doc, f.schema);
    return [
      code(f.path),
      typeOf(doc, f.schema),
      f.required ? "yes" : "no",
      defaultOf(s),
      constraintsOf(doc, f.schema),
      s.description ?? "",
    ];
  });
  return table(["field", "type", "required", "default", "constraints", "description"], rows);
}

/** The variants of a union discriminated on `type` (the events), by their `type`; null for any other schema. */
function byType(doc: OpenApiDocument, schema: Schema): { type: string; schema: Schema }[] | null {
  const variants = flattenSchema(doc, schema).oneOf;
  if (!variants || variants.length < 2) return null;
  const out: { type: string; schema: Schema }[] = [];
  for (const variant of variants) {
    const s = flattenSchema(doc, variant);
    const tag = s.properties?.["type"] === undefined ? undefined : flattenSchema(doc, s.properties["type"]);
    const value = tag?.const ?? (tag?.enum?.length === 1 ? tag.enum[0] : undefined);
    if (typeof value !== "string") return null;
    out.push({ type: value, schema: s });
  }
  return out;
}

/** One row per `type`: its `data` fields, each as `name: type`. */
function dataByTypeTable(doc: OpenApiDocument, variants: { type: string; schema: Schema }[]): string {
  const rows = variants.map(({ type, schema }) => {
    const data = schema.properties?.["data"];
    const fields = data === undefined ? [] : fieldsOf(doc, data);
    return [code(type), fields.map((f) => `${code(f.path)}: ${typeOf(doc, f.schema)}`).join(", ")];
  });
  return table(["type", "data"], rows);
}

export function responseFieldTable(doc: OpenApiDocument, schema: Schema): string {
  const variants = byType(doc, schema);
  if (variants) {
    // The shared envelope once, then each type's own data: one merged table would read as if every field could appear anywhere.
    const envelope = fieldsTable(
      doc,
      fieldsOf(doc, schema)
        .filter((f) => !f.path.startsWith("data."))
        .map((f) => (f.path === "type" ? { ...f, schema: { type: "string", enum: variants.map((v) => v.type) } } : f)),
    );
    return `${envelope}\n\nEach \`type\` carries its own \`data\`:\n\n${dataByTypeTable(doc, variants)}`;
  }
  return fieldsTable(doc, fieldsOf(doc, schema));
}

function fieldsTable(doc: OpenApiDocument, fields: Field[]): string {
  const rows = fields.map((f) => {
    const s = flattenSchema(doc, f.schema);
    const notes = [s.description ?? "", constraintsOf(doc, f.schema)].filter((t) => t !== "").join("; ");
    return [code(f.path), typeOf(doc, f.schema), f.required ? "always" : "optional", notes];
  });
  return table(["field", "type", "present", "description"], rows);
}
