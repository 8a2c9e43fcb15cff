/**
 * Turns zod failures into the contract's errors: a body problem is 422 VALIDATION_ERROR naming
 * the field ("proposed_credits is required"); a query or path problem is 400
 * INVALID_PARAMETER with a suggestion derived from the schema (valid values, bounds).
 */
import type { OpenAPIHonoOptions, z } from "@hono/zod-openapi";
import { requestErrors } from "../../domain/error-catalogue";
import type { AppError } from "../../domain/errors";
import type { AppEnv } from "./context";

type Issue = z.core.$ZodIssue;

export const validationHook: OpenAPIHonoOptions<AppEnv>["defaultHook"] = (result) => {
  // The validator passes the raw input as `data` on failure too; it tells "missing" from "wrong".
  if (!result.success) throw validationError(result.error.issues, result.target, "data" in result ? result.data : undefined);
};

export function validationError(issues: readonly Issue[], target: string, input: unknown): AppError {
  const issue = issues[0];
  if (!issue) return requestErrors.validation("", "is invalid");
  const field = issue.path.map(String).join(".");
  const problem = describe(issue, valueAt(input, issue.path));
  if (target === "json" || target === "form") return requestErrors.validation(field, problem);
  return requestErrors.invalidParameter(field, problem, suggest(issue, field, target));
}

function describe(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return value === undefined ? "is required" : `must be ${article(issue.expected)}`;
    case "too_small":
      return bound(issue.origin, "at least", issue.minimum, issue.inclusive);
    case "too_big":
      return bound(issue.origin, "at most", issue.maximum, issue.inclusive);
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      // Our patterns carry their own wording ("must be a positive integer").
      return issue.format === "regex" ? issue.message : `must be a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

function bound(origin: string, word: string, limit: unknown, inclusive: boolean | undefined): string {
  const n = Number(limit);
  if (origin === "string") return `must be ${word} ${n} character${n === 1 ? "" : "s"}`;
  if (origin === "array" || origin === "set") return `must have ${word} ${n} item${n === 1 ? "" : "s"}`;
  const strict = inclusive === false;
  return `must be ${word === "at least" ? (strict ? ">" : "≥") : strict ? "<" : "≤"} ${n}`;
}

function article(expected: string): string {
  if (expected === "int") return "an integer";
  if (expected === "array" || expected === "object" || expected === "integer") return `an ${expected}`;
  if (expected === "nan" || expected === "never") return "absent";
  return `a ${expected}`;
}

function suggest(issue: Issue, field: string, target: string): string {
  if (target === "param") return "Use the numeric id from a list or create response, e.g. GET /api/v1/tasks";
  if (issue.code === "invalid_value") return `Valid ${field} values: ${issue.values.map(String).join(", ")}`;
  if (issue.code === "too_small") return `Use ${field} ≥ ${String(issue.minimum)}`;
  if (issue.code === "too_big") return `Use ${field} ≤ ${String(issue.maximum)}`;
  return `Check ${field} against GET /api/v1/openapi.json`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
