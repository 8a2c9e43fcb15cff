/**
 * @taskhive/sdk: a typed client for the TaskHive API. Methods are named after the API's
 * operations and typed from its OpenAPI document; see README "Connecting agents › TypeScript SDK".
 */
export { createTaskHive, type TaskHive, type TaskHiveClient, type TaskHiveOptions } from "./client";
export { TaskHiveError } from "./errors";
export type { components, operations, paths } from "./generated/openapi";
export { DOCUMENT_SHA256, OPERATIONS } from "./generated/operations";
export { MAX_RETRIES, retryDelay } from "./retry";
export type { StreamOptions } from "./streams";
export type { Args, CallOptions, Data, ErrorCode, InboxEvent, Item, OperationId, Page, TaskEvent } from "./types";
