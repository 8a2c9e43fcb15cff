// The layer rules of .dependency-cruiser.cjs hold for src/, and each rule bites: a tree that
// breaks it (built in a temporary folder, with this project's node_modules) fails the check
// naming the rule. `npm run lint` runs the same check over src/.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");
const scratch: string[] = [];

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** Runs the check over a tree of `files` (path → source); returns its exit code and report. */
function cruise(files: Record<string, string>): { status: number | null; report: string } {
  const dir = mkdtempSync(join(tmpdir(), "taskhive-layers-"));
  scratch.push(dir);
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "ESNext", moduleResolution: "Bundler", strict: true } }),
  );
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  const run = spawnSync("depcruise", ["src", "--config", CONFIG], { cwd: dir, encoding: "utf8" });
  return { status: run.status, report: `${run.stdout}${run.stderr}` };
}

describe("the layer rules", () => {
  it("hold for src/", () => {
    expect(() => execFileSync("depcruise", ["src", "--config", CONFIG], { cwd: ROOT, encoding: "utf8" })).not.toThrow();
  });

  it.each([
    ["pure-layers-do-no-io", { "src/domain/rule.ts": `import { eq } from "drizzle-orm";\nexport const x = eq;\n` }],
    [
      "pure-layers-import-only-pure-layers",
      { "src/domain/rule.ts": `import { q } from "../db/q";\nexport const x = q;\n`, "src/db/q.ts": "export const q = 1;\n" },
    ],
    [
      "only-the-worker-imports-the-worker",
      { "src/queues/q.ts": `import { r } from "../worker/r";\nexport const x = r;\n`, "src/worker/r.ts": "export const r = 1;\n" },
    ],
    [
      "db-does-not-import-its-callers",
      { "src/db/q.ts": `import { o } from "../objects/o";\nexport const x = o;\n`, "src/objects/o.ts": "export const o = 1;\n" },
    ],
    [
      "objects-do-not-import-queues",
      { "src/objects/o.ts": `import { q } from "../queues/q";\nexport const x = q;\n`, "src/queues/q.ts": "export const q = 1;\n" },
    ],
    [
      "queues-do-not-import-objects",
      { "src/queues/q.ts": `import type { O } from "../objects/o";\nexport type X = O;\n`, "src/objects/o.ts": "export type O = 1;\n" },
    ],
    ["drizzle-only-in-db", { "src/worker/r.ts": `import { eq } from "drizzle-orm";\nexport const x = eq;\n` }],
    [
      "no-circular",
      {
        "src/worker/a.ts": `import { b } from "./b";\nexport const a = b;\n`,
        "src/worker/b.ts": `import { a } from "./a";\nexport const b = () => a;\n`,
      },
    ],
  ])("fail on a tree that breaks %s", (rule, files) => {
    const { status, report } = cruise(files);
    expect(status, report).not.toBe(0);
    expect(report).toContain(rule);
  });
});
