/** Where the browser tests keep what they leave behind (git-ignored: test-artifacts/). */

import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const ARTIFACTS_DIR = join(ROOT, "test-artifacts");
export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, "screenshots");
