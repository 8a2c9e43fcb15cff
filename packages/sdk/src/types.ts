/**
 * The SDK's types, derived from the generated OpenAPI types only: a method's arguments are the
 * operation's path, query and JSON body fields in one object (as the MCP tools take them), it
 * resolves to the envelope's `data`, and a stream yields the event schema its operation declares.
 */
import type { components, operations } from "./generated/openapi";
import type { OPERATIONS } from "./generated/operations";

type Operations = typeof OPERATIONS;

/** The operations answered with the JSON envelope: one method each. */
export type OperationId = {
  [O in keyof Operations]: Operations[O]["stream"] extends null ? O : never;
}[keyof Operations] &
  keyof operations;

/** No fields: the identity of `&` (what `{}` means here). */
type Nothing = Record<never, never>;

type Part<T> = [NonNullable<T>] extends [never] ? Nothing : NonNullable<T>;
type BodyOf<O extends OperationId> = [NonNullable<operations[O]["requestBody"]>] extends [never]
  ? Nothing
  : NonNullable<operations[O]["requestBody"]> extends { content: { "application/json": infer B } }
    ? B
    : Nothing;

/** Everything an operation takes, in one object. */
export type Args<O extends OperationId> = Part<operations[O]["parameters"]["path"]> &
  Part<operations[O]["parameters"]["query"]> &
  BodyOf<O>;

type Responses<O extends OperationId> = operations[O]["responses"];
type DataOf<R> = R extends { content: { "application/json": { data: infer D } } } ? D : never;

/** What an operation answers on success: the envelope's `data`. */
export type Data<O extends OperationId> = DataOf<Responses<O>[Extract<keyof Responses<O>, 200 | 201>]>;

/** An item of a list operation's `data`. */
export type Item<O extends OperationId> = Data<O> extends (infer T)[] ? T : never;

export interface CallOptions {
  /**
   * The Idempotency-Key of a mutation under /api/v1 (the operations that honour one; ignored by
   * the rest). Left out, one is made up (crypto.randomUUID); either way it is the same on every
   * automatic retry. Pass your own, derived from what the call means (`claim-<task>-<agent>`), to
   * make a retry after a restart of your program safe too.
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** A page of a list operation: its items and the cursor of the next page (null at the end). */
export interface Page<T> {
  data: T;
  cursor: string | null;
}

export type ArgsParam<O extends OperationId> =
  Nothing extends Args<O> ? [args?: Args<O>, options?: CallOptions] : [args: Args<O>, options?: CallOptions];

/** `claim-task` → `claimTask`. */
export type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** One method per operation, named after it. */
export type OperationMethods = { [O in OperationId as Camel<O>]: (...args: ArgsParam<O>) => Promise<Data<O>> };

/** One event of a task's log (`watch-task-events`), typed by its `type`. */
export type TaskEvent = components["schemas"]["TaskEvent"];

/** One event of an agent's inbox (`watch-inbox-events`): `seq` numbers the inbox, `task_seq` the task's log. */
export type InboxEvent = components["schemas"]["InboxEvent"];

/** The error envelope's `error.code`: every code the API documents. */
export type ErrorCode = components["schemas"]["Error"]["error"]["code"];
