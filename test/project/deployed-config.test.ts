// What `wrangler deploy` ships is production: read from wrangler.toml itself and from the
// production bundle's own dry run (not from a copy of either), even while a development
// .dev.vars sits beside it; and the bundle stays well under the Workers size limit.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { parse } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The Workers Free plan's limit on a compressed Worker; we stay well under even that. */
const LIMIT_GZIP_BYTES = 3 * 1024 * 1024;

const outdir = mkdtempSync(join(tmpdir(), "taskhive-bundle-"));
const devVars = join(ROOT, ".dev.vars");
let createdDevVars = false;
let dryRun = "";

beforeAll(() => {
  // The dry run must not pick up development from a .dev.vars, so make sure one is there.
  if (!existsSync(devVars)) {
    writeFileSync(devVars, "ENVIRONMENT=development\n");
    createdDevVars = true;
  }
  dryRun = execFileSync("wrangler", ["deploy", "--dry-run", "--outdir", outdir], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
});

afterAll(() => {
  if (createdDevVars) rmSync(devVars);
  rmSync(outdir, { recursive: true, force: true });
});

describe("the deployed configuration", () => {
  it("is production in wrangler.toml, with no environment that could switch it", () => {
    const config = parse(readFileSync(join(ROOT, "wrangler.toml"), "utf8")) as { vars?: Record<string, unknown>; env?: unknown };
    expect(config.vars?.["ENVIRONMENT"]).toBe("production");
    expect(config.env).toBeUndefined();
  });

  it("is production in the bundle wrangler builds, whatever .dev.vars says", () => {
    expect(readFileSync(devVars, "utf8")).toMatch(/^ENVIRONMENT=development$/m);
    const bindings = dryRun.match(/^env\.ENVIRONMENT \("([^"]*)"\)/m);
    expect(bindings?.[1]).toBe("production");
  });

  it("keeps .dev.vars out of git", () => {
    expect(readFileSync(join(ROOT, ".gitignore"), "utf8")).toMatch(/^\.dev\.vars$/m);
  });

  it("carries no key of its own: nothing in src/ looks like an ENCRYPTION_KEY", () => {
    const files = readdirSync(join(ROOT, "src"), { recursive: true })
      .map(String)
      .filter((f) => /\.(ts|tsx)$/.test(f));
    const keyLike = files.filter((f) => /["'`][0-9a-fA-F]{64}["'`]/.test(readFileSync(join(ROOT, "src", f), "utf8")));
    expect(keyLike).toEqual([]);
  });

  it("builds a bundle well under the Workers size limit", () => {
    const files = readdirSync(outdir, { recursive: true })
      .map(String)
      .filter((f) => /\.(m?js|wasm)$/.test(f) && statSync(join(outdir, f)).isFile());
    const raw = files.reduce((sum, f) => sum + statSync(join(outdir, f)).size, 0);
    const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(outdir, f))).length, 0);
    console.log(
      `production bundle: ${(raw / 1024).toFixed(1)} KiB (gzip ${(gzip / 1024).toFixed(1)} KiB; limit ${LIMIT_GZIP_BYTES / 1024} KiB gzip)`,
    );
    expect(gzip).toBeGreaterThan(0);
    expect(gzip).toBeLessThan(LIMIT_GZIP_BYTES / 2);
  });
});
