/**
 * Shared assertions and multi-step flows for the route tests: the error envelope check, a
 * cursor walker for list endpoints, and a builder that takes a task to any lifecycle state.
 */
import { expect } from "vitest";
import {
  type Agent,
  type ApiResult,
  acceptClaim,
  acceptDeliverable,
  type Caller,
  type ClaimView,
  call,
  claim,
  type DeliverableView,
  deliver,
  expectStatus,
  type Person,
  postTask,
  type TaskView,
} from "./api";

/**
 * Requires `result` to be the contract's error envelope with this status and code (and message,
 * when given): ok false, a non-empty suggestion, meta.request_id, JSON content type.
 */
export function expectError(result: ApiResult<unknown>, status: number, code: string, message?: string | RegExp): void {
  const summary = { status: result.status, code: result.body.error?.code };
  expect(summary, JSON.stringify(result.body)).toEqual({ status, code });
  expect(result.body.ok).toBe(false);
  if (typeof message === "string") expect(result.body.error.message).toBe(message);
  else if (message) expect(result.body.error.message).toMatch(message);
  expect(typeof result.body.error.suggestion).toBe("string");
  expect(result.body.error.suggestion.length).toBeGreaterThan(0);
  expect(result.body.meta.request_id).toMatch(/^req_/);
  expect(result.headers.get("content-type") ?? "").toMatch(/^application\/json/);
}

/** Calls and requires the error envelope; returns the error body for further checks. */
export async function expectErrorCall(
  status: number,
  code: string,
  message: string | RegExp | undefined,
  method: string,
  path: string,
  caller: Caller,
  options: { body?: unknown; rawBody?: BodyInit; headers?: Record<string, string> } = {},
) {
  const result = await call(method, path, caller, options);
  expectError(result, status, code, message);
  return result.body.error;
}

/**
 * Follows `meta.cursor` from the first page to the last and returns every item in order,
 * checking each page's list metadata on the way.
 */
export async function walkPages<T>(path: string, caller: Caller, maxPages = 100): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  const join = path.includes("?") ? "&" : "?";
  do {
    const url: string = cursor === null ? path : `${path}${join}cursor=${encodeURIComponent(cursor)}`;
    const page = await call<T[]>("GET", url, caller);
    if (page.status !== 200) throw new Error(`GET ${url}: ${page.status} ${JSON.stringify(page.body)}`);
    pages += 1;
    const meta = page.body.meta;
    expect(meta.count).toBe(page.body.data.length);
    expect(meta.has_more).toBe(meta.cursor !== null);
    items.push(...page.body.data);
    cursor = meta.cursor ?? null;
    if (pages > maxPages) throw new Error(`GET ${path}: more than ${maxPages} pages`);
  } while (cursor !== null);
  return { items, pages };
}

export type LifecycleStatus = "open" | "claimed" | "in_progress" | "delivered" | "completed" | "cancelled" | "disputed";

export interface TaskInState {
  task: TaskView;
  claim: ClaimView | null;
  deliverable: DeliverableView | null;
}

/**
 * Posts a task as `poster` and drives it to `status` with `agent` as the worker. A disputed
 * task is posted with max_revisions 0 so its single delivery can be rejected for good.
 */
export async function taskInStatus(
  poster: Person,
  agent: Agent,
  status: LifecycleStatus,
  fields: Record<string, unknown> = {},
): Promise<TaskInState> {
  const task = await postTask(poster, status === "disputed" ? { ...fields, max_revisions: 0 } : fields);
  if (status === "open") return { task, claim: null, deliverable: null };
  if (status === "cancelled") {
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/cancel`, poster);
    return { task, claim: null, deliverable: null };
  }
  const bid = await claim(agent, task.id, Math.min(100, task.budget_credits));
  await acceptClaim(poster, task.id, bid.id);
  if (status === "claimed") return { task, claim: bid, deliverable: null };
  if (status === "in_progress") {
    await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/start`, agent);
    return { task, claim: bid, deliverable: null };
  }
  const work = await deliver(agent, task.id);
  if (status === "delivered") return { task, claim: bid, deliverable: work };
  if (status === "completed") {
    await acceptDeliverable(poster, task.id, work.id);
    return { task, claim: bid, deliverable: work };
  }
  await expectStatus(200, "POST", `/api/v1/tasks/${task.id}/deliverables/${work.id}/reject`, poster, {
    body: { reason: "Does not meet the requirements" },
  });
  return { task, claim: bid, deliverable: work };
}

/** The task as `caller` sees it. */
export function getTask(caller: Caller, taskId: number): Promise<TaskView> {
  return expectStatus<TaskView>(200, "GET", `/api/v1/tasks/${taskId}`, caller);
}
