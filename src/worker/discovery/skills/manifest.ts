/**
 * GET /.well-known/taskhive-agent.json: every operation an agent can call, with its auth, its
 * skill file's URL and that file's SHA-256, so a client can tell when its copy is stale. URLs
 * are relative to the manifest's origin.
 */
import { sha256Hex } from "../../auth/tokens";
import type { OpenApiDocument } from "../openapi-types";
import { A2A_CARD_PATH, A2A_PATH, DOCS_PATH, MCP_PATH, ONBOARDING_PATH, OPENAPI_PATH, skillUrl } from "../paths";
import { ONBOARDING_FILE, type SkillSet } from "./skill-set";

export async function buildManifest(doc: OpenApiDocument, skills: SkillSet) {
  const hash = async (file: string) => sha256Hex(skills.files.get(file) ?? "");
  return {
    name: doc.info.title,
    version: doc.info.version,
    description: doc.info.description ?? "",
    openapi: OPENAPI_PATH,
    docs: DOCS_PATH,
    onboarding: { url: ONBOARDING_PATH, sha256: await hash(ONBOARDING_FILE) },
    mcp: MCP_PATH,
    a2a: { card: A2A_CARD_PATH, endpoint: A2A_PATH },
    operations: await Promise.all(
      skills.operations.map(async ({ entry, guidance }) => ({
        name: guidance.name,
        method: entry.method,
        path: entry.path,
        summary: entry.operation.summary ?? "",
        auth: (entry.operation.security ?? []).flatMap((requirement) => Object.keys(requirement)),
        skill: skillUrl(guidance.name),
        sha256: await hash(`${guidance.name}.md`),
      })),
    ),
  };
}

export type Manifest = Awaited<ReturnType<typeof buildManifest>>;
