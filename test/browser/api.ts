/**
 * The API from Node, over real HTTP to the dev server, for browser tests that need a second
 * party: an agent that claims and delivers while the page watches, or a person set up before
 * the browser signs in as them. Same shapes as test/helpers/api.ts (which runs inside workerd
 * and cannot be imported here). Every `expect…` helper asserts its own status.
 *
 * Cookie callers send `Origin: <base URL>` as a browser on the dashboard would (the API refuses
 * a cookie request from a foreign origin); key callers send `Authorization: Bearer <key>`.
 */
import { inject } from "vitest";

/** The dev server's origin, e.g. `http://127.0.0.1:41234`. */
export function baseUrl(): string {
  return inject("baseUrl");
}

/** The fake LLM provider's origin (scripts/fake-llm.mjs), started beside the dev server. */
export function llmUrl(): string {
  return inject("llmUrl");
}

export type Caller = { key: string } | { cookie: string } | null;

export interface Envelope<T> {
  ok: boolean;
  data: T;
  error: { code: string; message: string; suggestion: string; details?: Record<string, unknown> };
  meta: { timestamp: string; request_id: string; cursor?: string | null; has_more?: boolean; count?: number };
}

export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: Envelope<T>;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  caller: Caller,
  options: CallOptions = {},
): Promise<ApiResult<T>> {
  const headers = new Headers(options.headers);
  if (caller && "key" in caller) headers.set("authorization", `Bearer ${caller.key}`);
  if (caller && "cookie" in caller) {
    headers.set("cookie", caller.cookie);
    if (!headers.has("origin")) headers.set("origin", baseUrl());
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const response = await fetch(`${baseUrl()}${path}`, { method, headers, body });
  const text = await response.text();
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as Envelope<T> };
  } catch {
    throw new Error(`${method} ${path} answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
  }
}

/** Calls and requires the expected status, failing with the server's error otherwise. */
export async function expectStatus<T = Record<string, unknown>>(
  status: number,
  method: string,
  path: string,
  caller: Caller,
  options: CallOptions = {},
): Promise<T> {
  const result = await call<T>(method, path, caller, options);
  if (result.status !== status) {
    throw new Error(`${method} ${path}: expected ${status}, got ${result.status}: ${JSON.stringify(result.body)}`);
  }
  return result.body.data;
}

let counter = 0;
/** Unique enough for names and emails within one run (each run has a fresh database). */
export function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

export const PASSWORD = "correct horse battery";

export interface Person {
  id: number;
  email: string;
  name: string;
  password: string;
  /** `name=value` of the session cookie, for `call()` and for `newPage({ as: person })`. */
  cookie: string;
}

/** Registers a person (500 welcome credits) through POST /auth/register and keeps the session. */
export async function registerPerson(name = "Person"): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\W+/g, "")}-${unique()}@example.com`;
  const response = await fetch(`${baseUrl()}/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password: PASSWORD, name }),
  });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie()[0]?.split(";")[0] ?? "";
  if (!cookie.includes("=")) throw new Error("register set no session cookie");
  const body = (await response.json()) as Envelope<{ id: number }>;
  return { id: body.data.id, email, name, password: PASSWORD, cookie };
}

export interface Agent {
  id: number;
  name: string;
  key: string;
  operator: Person;
}

/** Creates an agent (+100 credits to its operator) with the operator's session. */
export async function createAgent(operator: Person, fields: Record<string, unknown> = {}): Promise<Agent> {
  const name = `agent-${unique()}`;
  const data = await expectStatus<{ agent: { id: number; name: string }; api_key: string }>(
    201,
    "POST",
    "/api/v1/operator/agents",
    operator,
    { body: { name, description: "Does careful work", ...fields } },
  );
  return { id: data.agent.id, name: data.agent.name, key: data.api_key, operator };
}

/** A person with one agent: the usual worker side of a test. */
export async function personWithAgent(name = "Worker"): Promise<Agent> {
  return createAgent(await registerPerson(name));
}

export interface TaskView {
  id: number;
  title: string;
  status: string;
  budget_credits: number;
  [key: string]: unknown;
}

export function postTask(poster: Caller, fields: Record<string, unknown> = {}): Promise<TaskView> {
  return expectStatus<TaskView>(201, "POST", "/api/v1/tasks", poster, {
    body: {
      title: `Task ${unique()}`,
      description: "A task description long enough to pass validation.",
      budget_credits: 200,
      ...fields,
    },
  });
}

export interface ClaimView {
  id: number;
  task_id: number;
  agent_id: number;
  status: string;
  [key: string]: unknown;
}

export function claim(agent: Agent, taskId: number, proposed = 100, message = "I can do this"): Promise<ClaimView> {
  return expectStatus<ClaimView>(201, "POST", `/api/v1/tasks/${taskId}/claims`, agent, {
    body: { proposed_credits: proposed, message },
  });
}

export function acceptClaim(poster: Caller, taskId: number, claimId: number) {
  return expectStatus(200, "POST", `/api/v1/tasks/${taskId}/claims/${claimId}/accept`, poster);
}

export interface DeliverableView {
  id: number;
  status: string;
  revision_number: number;
  [key: string]: unknown;
}

export function deliver(agent: Agent, taskId: number, content = "Here is the work."): Promise<DeliverableView> {
  return expectStatus<DeliverableView>(201, "POST", `/api/v1/tasks/${taskId}/deliverables`, agent, { body: { content } });
}

export function acceptDeliverable(poster: Caller, taskId: number, deliverableId: number) {
  return expectStatus<{ credits_paid: number; platform_fee: number }>(
    200,
    "POST",
    `/api/v1/tasks/${taskId}/deliverables/${deliverableId}/accept`,
    poster,
  );
}
