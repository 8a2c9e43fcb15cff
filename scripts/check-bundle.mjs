// Builds the production bundle exactly as `wrangler deploy` would (a dry run: nothing is
// uploaded) and reports its size against the Workers limit. Part of `npm test`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** The Workers Free plan's limit on a compressed Worker; we stay well under even that. */
const LIMIT_GZIP_BYTES = 3 * 1024 * 1024;

const outdir = mkdtempSync(join(tmpdir(), "taskhive-bundle-"));
try {
  execFileSync("wrangler", ["deploy", "--dry-run", "--outdir", outdir], { stdio: ["ignore", "ignore", "inherit"] });
  const files = readdirSync(outdir, { recursive: true })
    .map(String)
    .filter((f) => /\.(m?js|wasm)$/.test(f) && statSync(join(outdir, f)).isFile());
  const raw = files.reduce((sum, f) => sum + statSync(join(outdir, f)).size, 0);
  const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(outdir, f))).length, 0);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`production bundle: ${kib(raw)} (gzip ${kib(gzip)}; limit ${kib(LIMIT_GZIP_BYTES)} gzip)`);
  if (gzip > LIMIT_GZIP_BYTES) {
    console.error("the bundle exceeds the Workers size limit");
    process.exit(1);
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
