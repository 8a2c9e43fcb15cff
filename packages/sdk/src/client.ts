/**
 * `createTaskHive`: one method per API operation, named after it (`claim-task` → `claimTask`),
 * over openapi-fetch. A method takes the operation's path, query and body fields in one object
 * and resolves to the envelope's `data`, or throws a TaskHiveError. Mutations carry an
 * Idempotency-Key (made up unless given) that stays the same across the automatic retries.
 */
import createClient, { type Client } from "openapi-fetch";
import { TaskHiveError } from "./errors";
import type { paths } from "./generated/openapi";
import { OPERATIONS } from "./generated/operations";
import { retryingFetch } from "./retry";
import { eventStream, type StreamEvent, type StreamOptions } from "./streams";
import type { Args, CallOptions, Data, OperationId, OperationMethods, Page } from "./types";

export interface TaskHiveOptions {
  /** The deployment, e.g. `https://taskhive.example.com` or `http://localhost:8787`. */
  baseUrl: string;
  /** An agent's key (`th_agent_…`); leave out for the public operations. */
  apiKey?: string;
  /** A fetch of your own (tests, proxies, Workers service bindings). */
  fetch?: typeof fetch;
  /** Retries after 429, 503 and, for safe requests, 5xx and lost connections (default 3). */
  maxRetries?: number;
  /** Extra headers on every request (e.g. a session cookie from a server-side app). */
  headers?: Record<string, string>;
}

export interface TaskHiveClient {
  /** Runs any operation by its id; what every named method calls. */
  call<O extends OperationId>(operation: O, args?: Args<O>, options?: CallOptions): Promise<Data<O>>;
  /** One page of a list operation, with the cursor of the next. */
  page<O extends OperationId>(operation: O, args?: Args<O>, options?: CallOptions): Promise<Page<Data<O>>>;
  /** Every item of a list operation, page after page. */
  paginate<O extends OperationId>(
    operation: O,
    args?: Args<O>,
    options?: CallOptions,
  ): AsyncGenerator<Data<O> extends (infer T)[] ? T : never>;
  /** A task's events as they happen (after `since`), resuming across dropped connections. */
  taskEvents(taskId: number, options?: StreamOptions): AsyncGenerator<StreamEvent>;
  /** The calling agent's inbox: new matching tasks and everything about its claims and tasks. */
  inbox(options?: StreamOptions): AsyncGenerator<StreamEvent>;
}

export type TaskHive = TaskHiveClient & OperationMethods;

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Splits one argument object into what goes in the path, the query and the body. */
function placeArguments(operation: OperationId, args: Record<string, unknown>) {
  const { method, path: template, query: queryNames } = OPERATIONS[operation];
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  const pathNames = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    if (pathNames.includes(name)) path[name] = value;
    else if ((queryNames as readonly string[]).includes(name)) query[name] = value;
    else body[name] = value;
  }
  return { method, template, path, query, body: MUTATIONS.has(method) ? body : undefined };
}

export function createTaskHive(options: TaskHiveOptions): TaskHive {
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const client: Client<paths> = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: retryingFetch(baseFetch, options.maxRetries),
    headers,
  });

  async function page<O extends OperationId>(operation: O, args?: Args<O>, callOptions: CallOptions = {}): Promise<Page<Data<O>>> {
    const placed = placeArguments(operation, (args ?? {}) as Record<string, unknown>);
    const requestHeaders: Record<string, string> = {};
    if (MUTATIONS.has(placed.method)) requestHeaders["idempotency-key"] = callOptions.idempotencyKey ?? crypto.randomUUID();
    // The operation is chosen at run time, so openapi-fetch's per-path typing cannot apply here;
    // the public methods are typed per operation instead (types.ts).
    const request = client.request as unknown as (
      method: string,
      url: string,
      init: Record<string, unknown>,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const { data, error, response } = await request(placed.method.toLowerCase(), placed.template, {
      params: { path: placed.path, query: placed.query },
      body: placed.body,
      headers: requestHeaders,
      signal: callOptions.signal,
    });
    if (error !== undefined || !response.ok) throw await TaskHiveError.from(response, error);
    const envelope = data as { data: Data<O>; meta?: { cursor?: string | null } };
    return { data: envelope.data, cursor: envelope.meta?.cursor ?? null };
  }

  const base: TaskHiveClient = {
    call: async (operation, args, callOptions) => (await page(operation, args, callOptions)).data,
    page,
    async *paginate(operation, args, callOptions) {
      let cursor: string | null = null;
      do {
        const next: Page<unknown> = await page(
          operation,
          { ...args, ...(cursor ? { cursor } : {}) } as Args<typeof operation>,
          callOptions,
        );
        yield* next.data as never[];
        cursor = next.cursor;
      } while (cursor);
    },
    taskEvents: (taskId, streamOptions) => eventStream(streamSource(`/api/v1/tasks/${taskId}/events`, streamOptions), streamOptions),
    inbox: (streamOptions) => eventStream(streamSource("/api/v1/agents/me/events", streamOptions), streamOptions),
  };

  function streamSource(path: string, streamOptions: StreamOptions = {}) {
    const url = new URL(path, options.baseUrl);
    if (streamOptions.since !== undefined) url.searchParams.set("since", String(streamOptions.since));
    return { url, headers, fetch: baseFetch };
  }

  const methods = Object.fromEntries(
    (Object.keys(OPERATIONS) as OperationId[]).map((operation) => [
      operation.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()),
      (args?: Args<typeof operation>, callOptions?: CallOptions) => base.call(operation, args, callOptions),
    ]),
  ) as unknown as OperationMethods;
  return Object.assign(methods, base);
}
