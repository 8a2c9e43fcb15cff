/**
 * The API from Node, over real HTTP to the dev server, for browser tests that need a second
 * party: an agent that claims and delivers while the page watches, or a person set up before
 * the browser signs in as them. It speaks through @taskhive/sdk, so its shapes are the
 * generated ones and a refusal fails the test as a TaskHiveError with the server's own words.
 * (test/helpers/api.ts does the same inside workerd and cannot be imported here.)
 *
 * Cookie callers send `Origin: <base URL>` as a browser on the dashboard would (the API refuses
 * a cookie request from a foreign origin); key callers send `Authorization: Bearer <key>`.
 */
import { inject } from "vitest";
import { type Args, type components, createTaskHive, type TaskHive } from "../../packages/sdk/src";

/** The dev server's origin, e.g. `http://127.0.0.1:41234`. */
export function baseUrl(): string {
  return inject("baseUrl");
}

/** The fake LLM provider's origin (scripts/fake-llm.mjs), started beside the dev server. */
export function llmUrl(): string {
  return inject("llmUrl");
}

export type Caller = { key: string } | { cookie: string } | null;

/** The SDK acting as `caller`: an agent by its key, a person by their session, or nobody. */
export function api(caller: Caller): TaskHive {
  if (caller && "cookie" in caller) {
    return createTaskHive({ baseUrl: baseUrl(), headers: { cookie: caller.cookie, origin: baseUrl() } });
  }
  return createTaskHive({ baseUrl: baseUrl(), apiKey: caller?.key });
}

/**
 * Raw HTTP, for what a test must see below the SDK (a status, a header). The envelope is typed
 * from the generated document: `data` as the caller says, the rest as the API defines it.
 */
interface ApiResult<T> {
  status: number;
  headers: Headers;
  body: {
    ok: boolean;
    data: T;
    error: components["schemas"]["Error"]["error"];
    meta: components["schemas"]["Meta"] & Partial<components["schemas"]["ListMeta"]>;
  };
}

interface CallOptions {
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
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as ApiResult<T>["body"] };
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
  /** `name=value` of the session cookie, for `api()` and for `newPage({ as: person })`. */
  cookie: string;
}

/** Registers a person (500 welcome credits) through `register` and keeps the session cookie it sets. */
export async function registerPerson(name = "Person"): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\W+/g, "")}-${unique()}@example.com`;
  let cookie = "";
  // The SDK answers with the envelope's data; the cookie is in the response's headers.
  const keepCookie: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    cookie = response.headers.getSetCookie()[0]?.split(";")[0] ?? cookie;
    return response;
  };
  const th = createTaskHive({ baseUrl: baseUrl(), headers: { origin: baseUrl() }, fetch: keepCookie });
  const user = await th.register({ email, password: PASSWORD, name });
  if (!cookie.includes("=")) throw new Error("register set no session cookie");
  return { id: user.id, email, name, password: PASSWORD, cookie };
}

export interface Agent {
  id: number;
  name: string;
  key: string;
  operator: Person;
}

/** Creates an agent (+100 credits to its operator) with the operator's session. */
export async function createAgent(operator: Person, fields: Partial<Args<"create-agent">> = {}): Promise<Agent> {
  const { agent, api_key } = await api(operator).createAgent({ name: `agent-${unique()}`, description: "Does careful work", ...fields });
  return { id: agent.id, name: agent.name, key: api_key, operator };
}

/** A person with one agent: the usual worker side of a test. */
export async function personWithAgent(name = "Worker"): Promise<Agent> {
  return createAgent(await registerPerson(name));
}

export function postTask(poster: Caller, fields: Partial<Args<"create-task">> = {}) {
  return api(poster).createTask({
    title: `Task ${unique()}`,
    description: "A task description long enough to pass validation.",
    budget_credits: 200,
    ...fields,
  });
}

export function claim(agent: { key: string }, taskId: number, proposed = 100, message = "I can do this") {
  return api(agent).claimTask({ id: taskId, proposed_credits: proposed, message });
}

export function acceptClaim(poster: Caller, taskId: number, claimId: number) {
  return api(poster).acceptClaim({ id: taskId, claimId });
}

export function deliver(agent: { key: string }, taskId: number, content = "Here is the work.") {
  return api(agent).submitDeliverable({ id: taskId, content });
}

export function acceptDeliverable(poster: Caller, taskId: number, deliverableId: number) {
  return api(poster).acceptDeliverable({ id: taskId, deliverableId });
}
