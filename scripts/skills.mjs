// `npm run skills`: writes skills/ (one file per operation plus SKILL.md, the onboarding index)
// from the app's own OpenAPI document, with the same pure generator the Worker serves them
// with. Runs under tsx so it can import the TypeScript sources. A test fails whenever the
// checked-in files differ from what this writes, so run it after changing a route or guidance.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "../src/worker/discovery/openapi.ts";
import { generateSkills } from "../src/worker/discovery/skills/skill-set.ts";
import { createApp } from "../src/worker/http/app";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "skills");
const { files } = generateSkills(openApiDocument(createApp()));

mkdirSync(dir, { recursive: true });
// Files of operations that no longer exist must not linger: a stale skill is worse than none.
for (const name of readdirSync(dir)) if (name.endsWith(".md") && !files.has(name)) rmSync(join(dir, name));
for (const [name, text] of files) writeFileSync(join(dir, name), text);
console.log(`skills/: ${files.size} files`);
