// The README works from a fresh clone: every link it holds stays inside the repository and
// leads somewhere that exists (a file, or a heading of the README itself). .gitignore names
// only what the project's own commands create, says which, and hides nothing that is tracked.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** Link targets: markdown links and images, autolinks, and src/href attributes. */
function targetsOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  const patterns = [/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, /<(https?:\/\/[^>]+)>/g, /\b(?:src|href)="([^"]+)"/g];
  return patterns.flatMap((pattern) => [...prose.matchAll(pattern)].map((m) => m[1] ?? ""));
}

/** GitHub's anchor for a heading. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

describe("the README", () => {
  const targets = targetsOf(README);
  const anchors = new Set([...README.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] ?? "")));

  it("has links to check", () => {
    expect(targets.length).toBeGreaterThan(10);
  });

  it("links to nothing outside the repository", () => {
    const leaving = targets.filter(
      (t) => /^[a-z]+:/i.test(t) || t.startsWith("//") || relative(ROOT, resolve(ROOT, t.split("#")[0] ?? "")).startsWith(".."),
    );
    expect(leaving).toEqual([]);
  });

  it("links only to files and headings that exist", () => {
    const broken = targets.filter((t) => {
      const [path, anchor] = t.split("#");
      if (!path) return !anchors.has(anchor ?? "");
      return !existsSync(join(ROOT, path));
    });
    expect(broken).toEqual([]);
  });
});

describe(".gitignore", () => {
  const lines = readFileSync(join(ROOT, ".gitignore"), "utf8").split("\n");

  it("says, above each entry, which command creates it", () => {
    const undocumented = lines.filter((line, i) => line.trim() && !line.startsWith("#") && !lines[i - 1]?.startsWith("#"));
    expect(undocumented).toEqual([]);
  });

  it("ignores nothing the repository tracks", () => {
    const ignoredButTracked = execFileSync("git", ["ls-files", "--cached", "--ignored", "--exclude-standard"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(ignoredButTracked.trim()).toBe("");
  });
});
