/**
 * Looking for planted secrets: in text (whole, in 12-character pieces, or base64-encoded), in
 * every D1 table, and in a Durable Object's whole storage (its SQL tables and key-value pairs).
 */

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";

const PIECE = 12;

/** What would betray `secret` if it appeared anywhere: itself, any 12 characters of it, its base64. */
export function needlesFor(...secrets: string[]): string[] {
  const needles = new Set<string>();
  for (const secret of secrets) {
    needles.add(btoa(secret));
    for (let i = 0; i + PIECE <= secret.length; i++) needles.add(secret.slice(i, i + PIECE));
  }
  return [...needles];
}

export function leaksIn(text: string, needles: readonly string[]): string[] {
  return needles.filter((needle) => text.includes(needle));
}

/** Tables of a SQLite database worth reading (its own bookkeeping excluded). */
const USER_TABLES =
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'";

/** Every row of every D1 table, as text. */
export async function d1Dump(): Promise<string> {
  const tables = (await env.DB.prepare(USER_TABLES).all<{ name: string }>()).results;
  const dumps = await Promise.all(
    tables.map(async ({ name }) => `${name}: ${JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results)}`),
  );
  return dumps.join("\n");
}

/** Every row of every table and every key-value pair a Durable Object stores, as text. */
export function objectDump(stub: DurableObjectStub): Promise<string> {
  return runInDurableObject(stub, async (_instance, state) => {
    const sql = state.storage.sql;
    const tables = sql.exec<{ name: string }>(USER_TABLES).toArray();
    const rows = tables.map(({ name }) => `${name}: ${JSON.stringify(sql.exec(`SELECT * FROM "${name}"`).toArray())}`);
    const pairs = [...(await state.storage.list()).entries()];
    return [...rows, `kv: ${JSON.stringify(pairs)}`].join("\n");
  });
}

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug"] as const;

/** Records every console line (still printed) until `stop()`. */
export function recordConsole(): { lines: () => string[]; stop: () => void } {
  const spies = CONSOLE_METHODS.map((method) => vi.spyOn(console, method));
  return {
    lines: () => spies.flatMap((spy) => spy.mock.calls.map((args) => args.map(asText).join(" "))),
    stop: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return `${value.stack ?? value.message} ${JSON.stringify(value)}`;
  return JSON.stringify(value) ?? String(value);
}
