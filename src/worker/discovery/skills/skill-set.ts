/**
 * The whole Trinity skill layer as a pure function of the OpenAPI document and the guidance:
 * one file per operation plus the onboarding index. The Worker serves it, `npm run skills`
 * writes it to skills/, and a test compares the two, so the files cannot drift from the API.
 */
import { GUIDANCE } from "../guidance";
import type { GuidanceTable, GuidedOperation } from "../guidance/types";

export type { GuidedOperation };

import { type OpenApiDocument, operationsOf } from "../openapi-types";
import { renderOnboarding } from "./onboarding";
import { renderSkill } from "./skill-file";

/** The onboarding index's file name in skills/; served at GET /skill.md. */
export const ONBOARDING_FILE = "SKILL.md";

export interface SkillSet {
  operations: GuidedOperation[];
  /** File name (`claim-task.md`, `SKILL.md`) → content, in a stable order. */
  files: Map<string, string>;
}

export function guidedOperations(doc: OpenApiDocument, guidance: GuidanceTable = GUIDANCE): GuidedOperation[] {
  return operationsOf(doc).map((entry) => {
    const found = guidance[entry.key];
    if (!found) throw new Error(`No skill guidance for ${entry.key}: add it under src/worker/discovery/guidance/`);
    return { entry, guidance: found };
  });
}

export function generateSkills(doc: OpenApiDocument, guidance: GuidanceTable = GUIDANCE): SkillSet {
  const operations = guidedOperations(doc, guidance);
  const files = new Map<string, string>([[ONBOARDING_FILE, renderOnboarding(doc, operations)]]);
  for (const { entry, guidance: g } of operations) {
    const file = `${g.name}.md`;
    if (files.has(file)) throw new Error(`Two operations share the skill name ${g.name}`);
    files.set(file, renderSkill(doc, entry, g));
  }
  return { operations, files };
}
