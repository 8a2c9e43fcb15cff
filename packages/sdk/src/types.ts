/**
 * The SDK's types, derived from the generated OpenAPI types only: a method's arguments are the
 * operation's path, query and JSON body fields in one object (as the MCP tools take them), and
 * it resolves to the envelope's `data`.
 */
import type { operations } from "./generated/openapi";
import type { OPERATIONS } from "./generated/operations";

export type OperationId = keyof operations & keyof typeof OPERATIONS;

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

export interface CallOptions {
  /** The Idempotency-Key of a mutation; one is made up when left out, and kept across retries. */
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
