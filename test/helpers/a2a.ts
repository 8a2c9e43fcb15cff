/**
 * The official A2A clients (@a2a-js/sdk) connected to the Worker in-process: the v1.0 client,
 * and the v0.3 one the SDK picks for a v0.3 card (its compat transport), each signing in with
 * an agent key; plus raw JSON-RPC for golden requests.
 */
import { exports } from "cloudflare:workers";
import { type Message, type Part, Role, type SendMessageRequest, type Task } from "@a2a-js/sdk";
import { type Client, ClientFactory, DefaultAgentCardResolver, JsonRpcTransportFactory } from "@a2a-js/sdk/client";
import { ORIGIN } from "./api";

export const A2A_URL = `${ORIGIN}/a2a`;
export type A2aEra = "1.0" | "0.3";
export const A2A_ERAS: readonly A2aEra[] = ["1.0", "0.3"];

/** The Worker as the SDK's fetch, with the agent's key; `legacyCard` drops A2A-Version so the card comes in the v0.3 shape. */
function fetchAs(key: string, legacyCard: boolean): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    request.headers.set("authorization", `Bearer ${key}`);
    if (legacyCard && request.method === "GET") request.headers.delete("a2a-version");
    return exports.default.fetch(request);
  }) as typeof fetch;
}

/** The SDK's client from the card, in `era`: `polling` sends returnImmediately (v0.3: blocking false). */
export function connectA2a(key: string, era: A2aEra, polling = true): Promise<Client> {
  const legacy = era === "0.3";
  const fetchImpl = fetchAs(key, legacy);
  const factory = new ClientFactory({
    transports: [new JsonRpcTransportFactory({ fetchImpl, legacyCompat: { enabled: legacy } })],
    cardResolver: new DefaultAgentCardResolver({ fetchImpl, legacyCompat: { enabled: legacy } }),
    clientConfig: { polling },
  });
  return factory.createFromUrl(ORIGIN);
}

export function dataPart(value: Record<string, unknown>): Part {
  return { content: { $case: "data", value }, metadata: undefined, filename: "", mediaType: "application/json" };
}

export function textPart(value: string): Part {
  return { content: { $case: "text", value }, metadata: undefined, filename: "", mediaType: "text/plain" };
}

export function userMessage(parts: Part[], fields: Partial<Message> = {}): SendMessageRequest {
  const message: Message = {
    messageId: crypto.randomUUID(),
    contextId: "",
    taskId: "",
    role: Role.ROLE_USER,
    parts,
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
    ...fields,
  };
  return { tenant: "", message, configuration: undefined, metadata: undefined };
}

/** A new task's fields, valid for POST /api/v1/tasks. */
export function newTask(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Summarise three papers",
    description: "One page comparing their caching strategies, please.",
    budget_credits: 200,
    ...fields,
  };
}

export function asTask(result: Message | Task): Task {
  if (!("status" in result)) throw new Error(`expected a task, got a message: ${JSON.stringify(result)}`);
  return result;
}

export interface RpcAnswer {
  status: number;
  headers: Headers;
  body: { jsonrpc: string; id: unknown; result?: Record<string, unknown>; error?: { code: number; message: string; data?: unknown } };
}

/** One raw JSON-RPC request; `version` is the A2A-Version header (none when undefined). */
export async function rpc(key: string | null, method: string, params: unknown, version?: string): Promise<RpcAnswer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  if (version !== undefined) headers["a2a-version"] = version;
  const response = await exports.default.fetch(
    new Request(A2A_URL, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", id: 7, method, params }) }),
  );
  return { status: response.status, headers: response.headers, body: (await response.json()) as RpcAnswer["body"] };
}

/** The id of the task a SendMessage (v1.0) answered with. */
export function sentTaskId(answer: RpcAnswer): string {
  const task = answer.body.result?.task as { id?: string } | undefined;
  if (!task?.id) throw new Error(`expected a task, got ${JSON.stringify(answer.body)}`);
  return task.id;
}

/** The ErrorInfo a v1.0 error carries in its data. */
export function errorInfo(answer: RpcAnswer): { reason: string; metadata: Record<string, string> } {
  const [info] = (answer.body.error?.data ?? []) as { reason: string; metadata: Record<string, string> }[];
  if (!info) throw new Error(`expected an ErrorInfo, got ${JSON.stringify(answer.body)}`);
  return info;
}
