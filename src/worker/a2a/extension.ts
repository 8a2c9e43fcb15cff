/**
 * The marketplace extension an A2A client uses to say what a task pays and where it belongs:
 * its params are the JSON Schema of the create-task body, generated from the same zod schema
 * that validates POST /api/v1/tasks, so the card can never drift from the operation.
 */
import { z } from "zod";
import { CreateTaskBody } from "../tasks/schema";

export const MARKETPLACE_EXTENSION_PATH = "/a2a/ext/marketplace/v1";

/** The extension's URI on this deployment; also the key of its entry in a message's or task's metadata. */
export function marketplaceExtensionUri(origin: string): string {
  return `${origin}${MARKETPLACE_EXTENSION_PATH}`;
}

let createTaskSchema: Record<string, unknown> | undefined;

/** The create-task body as a client writes it (defaults optional), built once per isolate. */
export function createTaskJsonSchema(): Record<string, unknown> {
  if (!createTaskSchema) {
    const { $schema: _dialect, ...schema } = z.toJSONSchema(CreateTaskBody, { io: "input", unrepresentable: "any" });
    createTaskSchema = schema;
  }
  return createTaskSchema;
}

/** What a client put under the extension's URI in a message's or a request's metadata, if an object. */
export function extensionParams(origin: string, ...metadata: (Record<string, unknown> | undefined)[]): Record<string, unknown> | null {
  const uri = marketplaceExtensionUri(origin);
  for (const entry of metadata) {
    const value = entry?.[uri];
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  }
  return null;
}
