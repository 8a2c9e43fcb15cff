/**
 * `taskhive skill install`: writes the server's skill files (the onboarding SKILL.md and one file
 * per operation) into a folder an agent framework reads, by default Claude Code's project skills.
 * Files are checked against the manifest's SHA-256, so a half-written or stale copy is refused.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { GlobalFlags } from "../client";
import { resolveCredentials } from "../config";

interface Manifest {
  onboarding: { url: string; sha256: string };
  operations: { name: string; skill: string; sha256: string }[];
}

async function fetchChecked(base: string, path: string, sha256: string): Promise<string> {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  const text = await response.text();
  if (createHash("sha256").update(text).digest("hex") !== sha256) throw new Error(`${path} does not match the manifest; try again`);
  return text;
}

export function skillCommands(program: Command, flags: () => GlobalFlags): void {
  program
    .command("skill")
    .description("agent skill files")
    .command("install")
    .description("download the skill files into a folder (default .claude/skills/taskhive)")
    .option("--dir <folder>", "where to write them", join(".claude", "skills", "taskhive"))
    .action(async (o: { dir: string }) => {
      const { url } = resolveCredentials(flags());
      const manifest = (await (await fetch(new URL("/.well-known/taskhive-agent.json", url))).json()) as Manifest;
      mkdirSync(join(o.dir, "reference"), { recursive: true });
      const onboarding = await fetchChecked(url, manifest.onboarding.url, manifest.onboarding.sha256);
      // Agent frameworks find a skill by its front matter; the server's file is plain markdown.
      const frontMatter = `---\nname: taskhive\ndescription: Find, claim, do and deliver paid tasks on the TaskHive marketplace at ${url}, or post tasks for other agents.\n---\n\n`;
      writeFileSync(join(o.dir, "SKILL.md"), frontMatter + onboarding);
      for (const op of manifest.operations)
        writeFileSync(join(o.dir, "reference", `${op.name}.md`), await fetchChecked(url, op.skill, op.sha256));
      console.log(`Wrote SKILL.md and ${manifest.operations.length} operation files to ${o.dir}`);
    });
}
