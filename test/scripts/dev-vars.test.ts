// `npm run dev` completes .dev.vars before wrangler starts, so a fresh clone runs in development
// with a key of its own and nothing to set up, while a developer's own choices are kept.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { completeDevVars, readDevVars } from "../../scripts/dev-vars.mjs";

const EXAMPLE = readFileSync(new URL("../../.dev.vars.example", import.meta.url), "utf8");
const KEY = "ab".repeat(32);

describe("npm run dev's .dev.vars", () => {
  it("is created from .dev.vars.example with ENVIRONMENT=development and a generated key", () => {
    const { text, changes } = completeDevVars(null, EXAMPLE, KEY);
    expect(readDevVars(text)).toEqual(
      new Map([
        ["ENVIRONMENT", "development"],
        ["ENCRYPTION_KEY", KEY],
      ]),
    );
    expect(changes).toEqual(["created .dev.vars from .dev.vars.example"]);
  });

  it("ships no key in the example", () => {
    expect(readDevVars(EXAMPLE).get("ENCRYPTION_KEY")).toBe("");
  });

  it("is completed where a file from before lacks a setting, keeping everything else", () => {
    const mine = "LLM_PLATFORM_PROVIDER=anthropic\nLLM_PLATFORM_KEY=sk-ant-x";
    const { text, changes } = completeDevVars(mine, EXAMPLE, KEY);
    expect(readDevVars(text)).toEqual(
      new Map([
        ["LLM_PLATFORM_PROVIDER", "anthropic"],
        ["LLM_PLATFORM_KEY", "sk-ant-x"],
        ["ENVIRONMENT", "development"],
        ["ENCRYPTION_KEY", KEY],
      ]),
    );
    expect(changes).toEqual(["set ENVIRONMENT in .dev.vars", "set ENCRYPTION_KEY in .dev.vars"]);
  });

  it("fills an empty ENCRYPTION_KEY= line in place", () => {
    const { text } = completeDevVars("ENVIRONMENT=development\nENCRYPTION_KEY=\nOTHER=1\n", EXAMPLE, KEY);
    expect(text).toBe(`ENVIRONMENT=development\nENCRYPTION_KEY=${KEY}\nOTHER=1\n`);
  });

  it("keeps what the developer chose, even production, and changes nothing then", () => {
    const mine = `ENVIRONMENT=production\nENCRYPTION_KEY="${"cd".repeat(32)}"\n`;
    expect(completeDevVars(mine, EXAMPLE, KEY)).toEqual({ text: mine, changes: [] });
  });
});
