/**
 * Plain HTML forms in, API bodies out: the dashboard's forms post urlencoded fields, which
 * become the JSON the API validates, so the API's own messages explain every mistake.
 */
import type { Context } from "hono";
import type { ErrorBody } from "../../domain/errors";
import type { AppEnv } from "../http/context";
import { assertSameOrigin } from "../http/middleware/same-origin";

export type FormFields = Record<string, string>;

/** A same-origin form post's fields (text only; the dashboard uploads no files). */
export async function readForm(c: Context<AppEnv>): Promise<FormFields> {
  assertSameOrigin(c);
  const body = await c.req.parseBody();
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === "string") fields[name] = value;
  return fields;
}

/** Text as typed, or absent when blank. */
export function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** A number when the text is one; otherwise the text itself, for the API to call out. */
export function numeric(value: string | undefined): number | string | undefined {
  const t = text(value);
  if (t === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** The API's refusal, placed beside the field it names (or above the form). */
export function errorsByField(error: ErrorBody): Record<string, string> {
  const field = error.details?.field;
  return { [typeof field === "string" && field ? field : "_form"]: error.message };
}

/** A random token for a form, sent back as Idempotency-Key so a double submit acts once. */
export function formToken(): string {
  return crypto.randomUUID();
}
