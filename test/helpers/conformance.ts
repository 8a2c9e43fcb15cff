/**
 * Binding checks for real responses: each answer of the Worker must be one its operation
 * documents (status, body schema, required headers) in the served OpenAPI document, and each
 * error must be one the operation's skill file lists. The conformance tests call every
 * operation through this, then ask which operations they have not yet seen succeed.
 */
import { expect } from "vitest";
import { GUIDANCE } from "../../src/worker/discovery/guidance";
import { openApiDocument } from "../../src/worker/discovery/openapi";
import { type OperationEntry, operationsOf, resolveHeader } from "../../src/worker/discovery/openapi-types";
import { type ErrorRow, errorRows } from "../../src/worker/discovery/skills/error-rows";
import { createApp } from "../../src/worker/http/app";
import { type ApiResult, type Caller, type CallOptions, call } from "./api";
import { schemaProblems } from "./json-schema";

export const DOCUMENT = openApiDocument(createApp());
export const OPERATIONS = operationsOf(DOCUMENT);

/** Tags of the operations conformance-work.test.ts covers; conformance-accounts.test.ts covers the rest. */
export const WORK_TAGS = new Set(["Tasks", "Claims", "Deliverables", "Reviews", "Swarm"]);
/** Tags of the operations conformance-realtime.test.ts covers (streams answer without a JSON body). */
export const REALTIME_TAGS = new Set(["Real time"]);
/** Tags of the operations conformance-webhooks.test.ts covers. */
export const WEBHOOK_TAGS = new Set(["Webhooks"]);
/** Tags of the operations conformance-operations.test.ts covers. */
export const OPERATIONS_TAGS = new Set(["Operations"]);

export function hasTag(op: OperationEntry, tags: ReadonlySet<string>): boolean {
  return (op.operation.tags ?? []).some((t) => tags.has(t));
}

/** Codes whose messages name a field, a value or a reason, so a skill can only show one sample of them. */
const VARYING_CODES = new Set(["VALIDATION_ERROR", "INVALID_PARAMETER", "NOT_REPLAYABLE"]);

/** The operation a concrete request reaches: the matching template with the most literal segments. */
export function operationFor(method: string, url: string): OperationEntry {
  const path = url.split("?")[0] ?? url;
  const segments = path.split("/");
  const candidates = OPERATIONS.filter((op) => {
    const template = op.path.split("/");
    return (
      op.method === method &&
      template.length === segments.length &&
      template.every((part, i) => part.startsWith("{") || part === segments[i])
    );
  });
  const literal = (op: OperationEntry) => op.path.split("/").filter((p) => !p.startsWith("{")).length;
  const best = candidates.sort((a, b) => literal(b) - literal(a))[0];
  if (!best) throw new Error(`${method} ${path} matches no documented operation`);
  return best;
}

/**
 * A skill shows one sample of each message; ids ("Task 42") and current statuses
 * ("current status: claimed") vary, so messages are compared with them masked.
 */
const masked = (text: string) => text.replace(/\d+/g, "#").replace(/status: \w+/g, "status: …");

export class Conformance {
  private readonly succeeded = new Set<string>();
  private readonly rows = new Map<string, ErrorRow[]>();

  /** Calls the API and requires the answer to be one the document and the skill describe. */
  async call<T = Record<string, unknown>>(method: string, url: string, caller: Caller, options: CallOptions = {}): Promise<ApiResult<T>> {
    const result = await call<T>(method, url, caller, options);
    this.check(method, url, result);
    return result;
  }

  /** Like `call`, and requires `status`; returns the data. */
  async expect<T = Record<string, unknown>>(status: number, method: string, url: string, caller: Caller, options: CallOptions = {}) {
    const result = await this.call<T>(method, url, caller, options);
    expect(result.status, `${method} ${url}: ${JSON.stringify(result.body)}`).toBe(status);
    return result.body.data;
  }

  /** Like `call`, and requires this error code. */
  async error(status: number, code: string, method: string, url: string, caller: Caller, options: CallOptions = {}) {
    const result = await this.call(method, url, caller, options);
    expect({ status: result.status, code: result.body.error?.code }, JSON.stringify(result.body)).toEqual({ status, code });
    return result;
  }

  check(method: string, url: string, result: ApiResult<unknown>): void {
    const op = this.documented(method, url, result.status, result.headers);
    const schema = op.operation.responses?.[String(result.status)]?.content?.["application/json"]?.schema;
    const where = `${op.key} answered ${result.status}`;
    if (schema) expect(schemaProblems(DOCUMENT, schema, result.body), `${where}: ${JSON.stringify(result.body)}`).toEqual([]);
    if (result.status < 300) this.succeeded.add(op.key);
    else this.checkSkillLists(op, result);
  }

  /**
   * A stream that opened (101 with a socket, or 200 `text/event-stream`): its status, content
   * type and required headers must be documented. The caller closes it.
   */
  checkStream(method: string, url: string, response: Response): void {
    const op = this.documented(method, url, response.status, response.headers);
    const documented = Object.keys(op.operation.responses?.[String(response.status)]?.content ?? {});
    if (response.status === 101) expect(response.webSocket, `${op.key}: 101 without a socket`).not.toBeNull();
    else expect(documented.map((type) => (response.headers.get("content-type") ?? "").startsWith(type))).toContain(true);
    this.succeeded.add(op.key);
  }

  /** The operation answering `url`, having required that it documents this status and its required headers. */
  private documented(method: string, url: string, status: number, headers: Headers): OperationEntry {
    const op = operationFor(method, url);
    const where = `${op.key} answered ${status}`;
    const response = op.operation.responses?.[String(status)];
    expect(response, `${where}, which it does not document`).toBeDefined();
    for (const [name, header] of Object.entries(response?.headers ?? {})) {
      if (resolveHeader(DOCUMENT, header).required) expect(headers.get(name), `${where} without ${name}`).not.toBeNull();
    }
    return op;
  }

  private checkSkillLists(op: OperationEntry, result: ApiResult<unknown>): void {
    const guidance = GUIDANCE[op.key];
    if (!guidance) throw new Error(`No guidance for ${op.key}`);
    let rows = this.rows.get(op.key);
    if (!rows) {
      rows = errorRows(DOCUMENT, op, guidance);
      this.rows.set(op.key, rows);
    }
    const { code, message, suggestion } = result.body.error;
    const sameCode = rows.filter((r) => r.status === result.status && r.code === code);
    expect(sameCode.length, `${op.key}: ${result.status} ${code} is missing from its skill's Error Codes`).toBeGreaterThan(0);
    if (VARYING_CODES.has(code)) return;
    const listed = sameCode.some((r) => masked(r.message) === masked(message) && masked(r.suggestion) === masked(suggestion));
    expect(listed, `${op.key}: "${message}" / "${suggestion}" is not in its skill's Error Codes`).toBe(true);
  }

  /** Operations matching `filter` that no call has yet seen succeed. */
  unexercised(filter: (op: OperationEntry) => boolean): string[] {
    return OPERATIONS.filter(filter)
      .map((op) => op.key)
      .filter((key) => !this.succeeded.has(key));
  }
}
