// The SDK's generated types cannot drift from the API: they are stamped with the SHA-256 of the
// document they were generated from, and the Worker serves that very document.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DOCUMENT_SHA256, OPERATIONS } from "../../../packages/sdk/src";
import { ORIGIN } from "../../helpers/api";

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("the SDK's generated types", () => {
  it("were generated from the document the Worker serves (else run npm run sdk:generate)", async () => {
    const served = (await (await exports.default.fetch(new Request(`${ORIGIN}/api/v1/openapi.json`))).json()) as Record<string, unknown>;
    // The served copy names the origin it was fetched from; the generated one names none.
    const { servers: _origin, ...document } = served;
    expect(await sha256(JSON.stringify(document)), "the API changed: run `npm run sdk:generate`").toBe(DOCUMENT_SHA256);
    const paths = document.paths as Record<string, Record<string, { operationId: string }>>;
    const ids = Object.values(paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(Object.keys(OPERATIONS).sort()).toEqual(ids.sort());
  });
});
