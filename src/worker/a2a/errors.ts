/**
 * A REST refusal as an A2A error. The JSON-RPC code says what A2A clients branch on; the
 * operation's own code, message and suggestion travel unchanged in the error's data (v0.3:
 * `data` is that object; v1.0: `data[0]` is a google.rpc.ErrorInfo whose `metadata` holds it).
 */
import {
  A2AError,
  JsonRpcRequestMalformedError,
  JsonRpcTaskNotCancelableError,
  JsonRpcTaskNotFoundError,
  JsonRpcTransportError,
  JsonRpcUnsupportedOperationError,
} from "@a2a-js/sdk/errors";
import type { ApiFailure } from "../http/in-process";
import type { A2aVersion } from "./caller";

/** A refusal's wire shape: the REST `error` object, or one of ours in the same shape. */
export interface Refused {
  code: string;
  message: string;
  suggestion: string;
}

/** What an A2A client can do about a refusal. */
export type RefusalKind = "taskNotFound" | "notCancelable" | "malformed" | "unsupported" | "internal";

/** How a REST status reads for a call about one task (`cancel` for CancelTask). */
export function kindOfStatus(status: number, call: "task" | "cancel" | "create"): RefusalKind {
  // Someone else's task is not found, as A2A requires, whatever REST said about it.
  if (status === 404 || (status === 403 && call !== "create")) return "taskNotFound";
  if (status === 409) return call === "cancel" ? "notCancelable" : "unsupported";
  if (status === 400 || status === 413 || status === 415 || status === 422) return "malformed";
  if (status === 403) return "unsupported";
  return "internal";
}

/** The REST error, with its HTTP status and any Retry-After, as an A2A error of `kind`. */
export function a2aError(
  kind: RefusalKind,
  error: Refused,
  version: A2aVersion,
  extra: { status?: number; retryAfter?: number | null } = {},
): A2AError {
  const detail: Record<string, string | number> = { code: error.code, message: error.message, suggestion: error.suggestion };
  if (extra.status !== undefined) detail.status = extra.status;
  if (extra.retryAfter !== undefined && extra.retryAfter !== null) detail.retry_after = extra.retryAfter;
  const metadata = Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, String(v)]));
  const options = { message: `${error.message}. ${error.suggestion}`, metadata, data: detail };
  switch (kind) {
    case "taskNotFound":
      return new JsonRpcTaskNotFoundError(options);
    case "notCancelable":
      return new JsonRpcTaskNotCancelableError(options);
    case "malformed":
      return new JsonRpcRequestMalformedError(options);
    case "unsupported":
      return new JsonRpcUnsupportedOperationError(options);
    case "internal":
      // v1.0 names no JSON-RPC class for this; a plain A2AError (-32603) keeps the ErrorInfo, v0.3 the data.
      if (version === "1.0") return new A2AError({ message: options.message, metadata });
      return new JsonRpcTransportError({ jsonrpc: "2.0", id: null, error: { code: -32603, message: options.message, data: detail } });
  }
}

/** A failed operation as the A2A error its status implies. */
export function refusal(failure: ApiFailure, call: "task" | "cancel" | "create", version: A2aVersion): A2AError {
  const kind = kindOfStatus(failure.status, call);
  return a2aError(kind, failure.error, version, { status: failure.status, retryAfter: failure.retryAfter });
}

/** A task id A2A sent that cannot name a TaskHive task: not found, like any other. */
export function unknownTask(id: string, version: A2aVersion): A2AError {
  const body = {
    code: "TASK_NOT_FOUND",
    message: `Task ${JSON.stringify(id)} does not exist`,
    suggestion: "Use the id of a task you posted",
  };
  return a2aError("taskNotFound", body, version, { status: 404 });
}
