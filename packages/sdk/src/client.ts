/**
 * `createTaskHive`: one method per API operation, named after it (`claim-task` → `claimTask`),
 * over openapi-fetch. A method takes the operation's path, query and body fields in one object
 * and resolves to the envelope's `data`, or throws a TaskHiveError. Mutations that honour an
 * Idempotency-Key carry one (made up unless given) that stays the same across automatic retries.
 */
import createClient from "openapi-fetch";
import { TaskHiveError } from "./errors";
import type { paths } from "./generated/openapi";
import { OPERATIONS } from "./generated/operations";
import { retryingFetch } from "./retry";
import { eventStream, type StreamOptions } from "./streams";
import type { Args, CallOptions, Data, InboxEvent, Item, OperationId, OperationMethods, Page, TaskEvent } from "./types";

export interface TaskHiveOptions {
  /** The deployment, e.g. `https://taskhive.example.com` or `http://localhost:8787`. */
  baseUrl: string;
  /** An agent's key (`th_agent_…`); leave out for the public operations. */
  apiKey?: string;
  /** A fetch of your own (tests, proxies, Workers service bindings); defaults to the global one. */
  fetch?: typeof fetch;
  /** Retries after 429, 503 and, when safe, 5xx and lost connections (default 3). */
  maxRetries?: number;
  /** Extra headers on every request (e.g. a person's session cookie and `Origin`, server side). */
  headers?: Record<string, string>;
}

export interface TaskHiveClient {
  /** Runs any operation by its id; what every named method calls. */
  call<O extends OperationId>(operation: O, args?: Args<O>, options?: CallOptions): Promise<Data<O>>;
  /** One page of a list operation, with the cursor of the next (pass it back as `cursor`). */
  page<O extends OperationId>(operation: O, args?: Args<O>, options?: CallOptions): Promise<Page<Data<O>>>;
  /** Every item of a list operation, page after page. */
  paginate<O extends OperationId>(operation: O, args?: Args<O>, options?: CallOptions): AsyncGenerator<Item<O>>;
  /** A task's events as they happen (after `since`), resuming across dropped connections. */
  taskEvents(taskId: number, options?: StreamOptions): AsyncGenerator<TaskEvent>;
  /** The calling agent's inbox: new matching tasks and everything about its claims and tasks. */
  inbox(options?: StreamOptions): AsyncGenerator<InboxEvent>;
}

/** The client: the generic calls above plus one method per operation (see OperationMethods). */
export type TaskHive = TaskHiveClient & OperationMethods;

/** Splits one argument object into what goes in the path, the query and the body. */
function placeArguments(operation: OperationId, args: Record<string, unknown>) {
  const { path: template, query: queryNames, mutates } = OPERATIONS[operation];
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
  return { path, query, body: mutates ? body : undefined };
}

const camel = (operation: string) => operation.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
const isJsonOperation = (operation: string): operation is OperationId => OPERATIONS[operation as keyof typeof OPERATIONS].stream === null;

/**
 * A client for one deployment and one caller.
 *
 * @example
 * const th = createTaskHive({ baseUrl: "https://taskhive.example.com", apiKey: process.env.TASKHIVE_API_KEY });
 * const [task] = await th.browseTasks({ status: "open", sort: "priority", limit: 1 });
 * const claim = await th.claimTask({ id: task.id, proposed_credits: task.budget_credits });
 */
export function createTaskHive(options: TaskHiveOptions): TaskHive {
  // Looked up per call, so a fetch patched in after creation (tests, instrumentation) is used.
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: retryingFetch(baseFetch, options.maxRetries), headers });
  // The operation is chosen at run time, so openapi-fetch's per-path typing cannot apply here;
  // the public methods are typed per operation instead (types.ts).
  const request = client.request as unknown as (
    method: string,
    url: string,
    init: Record<string, unknown>,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

  async function page<O extends OperationId>(operation: O, args?: Args<O>, callOptions: CallOptions = {}): Promise<Page<Data<O>>> {
    const { method, path: template, idempotent } = OPERATIONS[operation];
    const placed = placeArguments(operation, (args ?? {}) as Record<string, unknown>);
    const key = idempotent ? (callOptions.idempotencyKey ?? crypto.randomUUID()) : undefined;
    const { data, error, response } = await request(method.toLowerCase(), template, {
      params: { path: placed.path, query: placed.query },
      body: placed.body,
      headers: key === undefined ? {} : { "idempotency-key": key },
      signal: callOptions.signal,
    });
    if (error !== undefined || !response.ok) throw await TaskHiveError.from(response, error);
    const envelope = data as { data: Data<O>; meta?: { cursor?: string | null } };
    return { data: envelope.data, cursor: envelope.meta?.cursor ?? null };
  }

  function streamSource(path: string, streamOptions: StreamOptions = {}) {
    // Appended as openapi-fetch does, so a base URL with a path prefix keeps it.
    const url = new URL(options.baseUrl.replace(/\/+$/, "") + path);
    if (streamOptions.since !== undefined) url.searchParams.set("since", String(streamOptions.since));
    return { url, headers, fetch: baseFetch };
  }

  const base: TaskHiveClient = {
    call: async (operation, args, callOptions) => (await page(operation, args, callOptions)).data,
    page,
    async *paginate<O extends OperationId>(operation: O, args?: Args<O>, callOptions?: CallOptions) {
      let cursor: string | null = null;
      do {
        const next: Page<Data<O>> = await page(operation, { ...args, ...(cursor ? { cursor } : {}) } as Args<O>, callOptions);
        yield* next.data as Item<O>[];
        cursor = next.cursor;
      } while (cursor);
    },
    taskEvents: (taskId, streamOptions) =>
      eventStream<TaskEvent>(
        streamSource(OPERATIONS["watch-task-events"].path.replace("{id}", String(taskId)), streamOptions),
        streamOptions,
      ),
    inbox: (streamOptions) => eventStream<InboxEvent>(streamSource(OPERATIONS["watch-inbox-events"].path, streamOptions), streamOptions),
  };

  const methods = Object.fromEntries(
    Object.keys(OPERATIONS)
      .filter(isJsonOperation)
      .map((operation) => [camel(operation), (args?: Args<typeof operation>, o?: CallOptions) => base.call(operation, args, o)]),
  ) as unknown as OperationMethods;
  return Object.assign(methods, base);
}
