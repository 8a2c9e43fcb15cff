/** Refusals about the request itself: routes, parameters, bodies, cursors, and server failures. */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";

export const requestErrors = {
  routeNotFound: (method: string, path: string) =>
    new AppError(404, "NOT_FOUND", `No route for ${method} ${path}`, `See GET ${api}/openapi.json for every endpoint`),
  invalidParameter: (name: string, problem: string, suggestion: string) =>
    new AppError(400, "INVALID_PARAMETER", `${name} ${problem}`, suggestion, { parameter: name }),
  invalidCursor: () =>
    new AppError(
      400,
      "INVALID_PARAMETER",
      "Invalid cursor format",
      "Use the cursor value from a previous response, or omit it to start from the beginning",
      { parameter: "cursor" },
    ),
  noSearchTerms: (q: string) =>
    new AppError(
      400,
      "INVALID_PARAMETER",
      `q has no words to search for (got ${JSON.stringify(q)})`,
      `Include at least one word of letters or digits, e.g. GET ${api}/tasks/search?q=summarise`,
      { parameter: "q" },
    ),
  validation: (field: string, problem: string) =>
    new AppError(
      422,
      "VALIDATION_ERROR",
      field ? `${field} ${problem}` : problem,
      `Fix ${field || "the request body"} and retry; every field is described in GET ${api}/openapi.json`,
      { field },
    ),
  malformedJson: () =>
    new AppError(422, "VALIDATION_ERROR", "Request body is not valid JSON", "Send a JSON object with Content-Type: application/json"),
  noFieldsToUpdate: (fields: readonly string[]) =>
    new AppError(422, "VALIDATION_ERROR", "No fields to update", `Send at least one of: ${fields.join(", ")}`),
  payloadTooLarge: (limit: number) =>
    new AppError(
      413,
      "PAYLOAD_TOO_LARGE",
      `Request body exceeds ${limit} bytes`,
      "Shorten the body; deliverable content is limited to 50,000 characters",
    ),
  unsupportedMediaType: (type: string) =>
    new AppError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      `Content-Type ${type || "(none)"} is not supported`,
      "Send the body as JSON with Content-Type: application/json",
    ),
  encryptionUnavailable: () =>
    new AppError(
      503,
      "SERVICE_UNAVAILABLE",
      "Storing LLM keys is disabled: this deployment has no ENCRYPTION_KEY (its operator sets one with `wrangler secret put ENCRYPTION_KEY`)",
      "Retry without the LLM key, or ask the operator to run `wrangler secret put ENCRYPTION_KEY`",
    ),
  internal: (requestId: string) =>
    new AppError(
      500,
      "INTERNAL_ERROR",
      `Something went wrong on our side (request ${requestId})`,
      `Retry the request; if it keeps failing, report request id ${requestId}`,
    ),
};
