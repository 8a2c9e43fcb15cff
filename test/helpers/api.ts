/**
 * Drives the Worker exactly as a client would, through `exports.default.fetch`, and gives the
 * tests short names for the core loop's steps. Every helper asserts its own success, so a test
 * reads as the behaviour it proves. Shapes are the SDK's, generated from the served OpenAPI
 * document (packages/sdk), so a test cannot read a field the API does not have.
 */
import { exports } from "cloudflare:workers";
import type { Data, Item } from "../../packages/sdk/src";
import { settled } from "./rooms";

export const ORIGIN = "http://taskhive.test";

export type Caller = { key: string } | { cookie: string } | null;

export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    ok: boolean;
    data: T;
    error: { code: string; message: string; suggestion: string; details?: Record<string, unknown> };
    meta: { timestamp: string; request_id: string; cursor?: string | null; has_more?: boolean; count?: number };
  };
}

export interface CallOptions {
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
}

/** Calls the API as a client would; after a change to a task, waits for its projection (below). */
export async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  caller: Caller,
  options: CallOptions = {},
): Promise<ApiResult<T>> {
  const result = await send<T>(method, path, caller, options);
  await settleChangedTask(method, path, result.status, result.body);
  return result;
}

/** Calls the API and returns as soon as it answers, whatever its task's projection has yet taken. */
export async function send<T = Record<string, unknown>>(
  method: string,
  path: string,
  caller: Caller,
  options: CallOptions = {},
): Promise<ApiResult<T>> {
  const headers = new Headers(options.headers);
  if (caller && "key" in caller) headers.set("authorization", `Bearer ${caller.key}`);
  if (caller && "cookie" in caller) headers.set("cookie", caller.cookie);
  let body: BodyInit | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const response = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { method, headers, body }));
  const text = await response.text();
  let parsed: ApiResult<T>["body"];
  try {
    parsed = JSON.parse(text) as ApiResult<T>["body"];
  } catch {
    throw new Error(`${method} ${path} answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/**
 * After a change to a task, waits for its room's D1 projection, so the tests that read lists
 * next see it; what the room answers before its projection lands is proven on its own
 * (test/objects/task-room-projection.test.ts). A projection that fails is left to the room's
 * alarm, as in production.
 */
async function settleChangedTask(method: string, path: string, status: number, body: { data?: unknown }): Promise<void> {
  if (method === "GET" || status >= 300) return;
  const onTask = /^\/api\/v1\/tasks\/(\d+)(?:\/|$)/.exec(path)?.[1];
  const created = path === "/api/v1/tasks" ? (body.data as { id?: number } | undefined)?.id : undefined;
  const taskId = onTask === undefined ? created : Number(onTask);
  if (taskId !== undefined) await settled(taskId).catch(() => undefined);
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
function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

export interface Person {
  id: number;
  email: string;
  name: string;
  cookie: string;
}

export async function registerPerson(
  name = "Person",
  email = `${name.toLowerCase().replace(/\W+/g, "")}-${unique()}@example.com`,
): Promise<Person> {
  const response = await exports.default.fetch(
    new Request(`${ORIGIN}/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "correct horse battery", name }),
    }),
  );
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0] ?? "";
  const body = (await response.json()) as { data: { id: number } };
  return { id: body.data.id, email, name, cookie };
}

export interface Agent {
  id: number;
  key: string;
  operator: Person;
}

export async function createAgent(operator: Person, fields: Record<string, unknown> = {}): Promise<Agent> {
  const data = await expectStatus<{ agent: { id: number }; api_key: string }>(201, "POST", "/api/v1/operator/agents", operator, {
    body: { name: `agent-${unique()}`, description: "Does careful work", ...fields },
  });
  return { id: data.agent.id, key: data.api_key, operator };
}

let operator: Promise<Person> | null = null;

/** The platform operator of the suites (PLATFORM_OPERATOR_EMAILS in vitest.config.ts), registered once per test file. */
export function platformOperator(): Promise<Person> {
  operator ??= registerPerson("Ops", "ops@taskhive.test");
  return operator;
}

/** A person with one agent: the usual worker side of a test. */
export async function personWithAgent(name = "Worker"): Promise<Agent> {
  return createAgent(await registerPerson(name));
}

/**
 * The usual cast of a route test file, registered in order: a person named "Poster", then one
 * agent (each with an operator of its own) per name, e.g. `posterAndAgents("Worker", "Other")`.
 */
export async function posterAndAgents<const Names extends readonly string[]>(
  ...names: Names
): Promise<[Person, ...{ [K in keyof Names]: Agent }]> {
  const poster = await registerPerson("Poster");
  const agents: Agent[] = [];
  for (const name of names) agents.push(await personWithAgent(name));
  return [poster, ...(agents as { [K in keyof Names]: Agent })];
}

/** A task as get-task (and create-task) shows it: the SDK's type, generated from the served document. */
export type TaskView = Data<"get-task">;

/** A task as the lists show it (the browse, an agent's own tasks). */
export type TaskSummary = Item<"browse-tasks">;

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

export type ClaimView = Data<"claim-task">;

export function claim(agent: Agent, taskId: number, proposed = 100): Promise<ClaimView> {
  return expectStatus<ClaimView>(201, "POST", `/api/v1/tasks/${taskId}/claims`, agent, {
    body: { proposed_credits: proposed, message: "I can do this" },
  });
}

export function acceptClaim(poster: Caller, taskId: number, claimId: number) {
  return expectStatus(200, "POST", `/api/v1/tasks/${taskId}/claims/${claimId}/accept`, poster);
}

export type DeliverableView = Data<"submit-deliverable">;

export function deliver(agent: Agent, taskId: number, content = "Here is the work."): Promise<DeliverableView> {
  return expectStatus<DeliverableView>(201, "POST", `/api/v1/tasks/${taskId}/deliverables`, agent, { body: { content } });
}

export function acceptDeliverable(poster: Caller, taskId: number, deliverableId: number) {
  return expectStatus<Data<"accept-deliverable">>(200, "POST", `/api/v1/tasks/${taskId}/deliverables/${deliverableId}/accept`, poster);
}

/** Posts a task and takes it to `claimed` by `agent`. */
export async function claimedTask(poster: Person, agent: Agent, fields: Record<string, unknown> = {}) {
  const task = await postTask(poster, fields);
  const bid = await claim(agent, task.id);
  await acceptClaim(poster, task.id, bid.id);
  return { task, claim: bid };
}

export async function balanceOf(person: Person): Promise<number> {
  const me = await expectStatus<{ credit_balance: number }>(200, "GET", "/auth/me", person);
  return me.credit_balance;
}
