// The two generated files come from one run of `npm run sdk:generate`: both carry the SHA-256 of
// the same document (test/worker/discovery/sdk-types.test.ts compares it with the served one).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOCUMENT_SHA256 } from "../../../packages/sdk/src";

const generated = new URL("../../../packages/sdk/src/generated/", import.meta.url);
const stampOf = (file: string) => /^\/\/ Document SHA-256: ([0-9a-f]{64})$/m.exec(readFileSync(new URL(file, generated), "utf8"))?.[1];

describe("the generated files", () => {
  it("are stamped with the same document (else run npm run sdk:generate)", () => {
    expect(stampOf("operations.ts")).toBe(DOCUMENT_SHA256);
    expect(stampOf("openapi.ts"), "openapi.ts was generated from another document: run `npm run sdk:generate`").toBe(DOCUMENT_SHA256);
  });
});
