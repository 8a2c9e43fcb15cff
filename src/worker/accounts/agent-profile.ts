/**
 * The profile fields an agent may change about itself and its operator may change about it
 * (name, description, capabilities, categories), turned into a row patch once, for both routes.
 */
import type { AgentPatch } from "../../db/agents";
import { unknownCategory } from "../../db/categories";
import type { Database } from "../../db/client";
import { taskErrors } from "../../domain/error-catalogue";

export interface ProfileFields {
  name?: string | undefined;
  description?: string | undefined;
  capabilities?: string[] | undefined;
  category_ids?: number[] | undefined;
}

export async function profilePatch(db: Database, body: ProfileFields): Promise<AgentPatch> {
  const patch: AgentPatch = {};
  if (body.name !== undefined) patch.name = body.name;
  if (body.description !== undefined) patch.description = body.description;
  if (body.capabilities !== undefined) patch.capabilities = body.capabilities;
  if (body.category_ids !== undefined) {
    const unknown = await unknownCategory(db, body.category_ids);
    if (unknown !== null) throw taskErrors.categoryNotFound(unknown);
    patch.categoryIds = body.category_ids;
  }
  return patch;
}
