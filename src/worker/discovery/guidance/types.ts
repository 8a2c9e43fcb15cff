/**
 * What a person writes about an operation for its skill file; everything else (parameters,
 * shapes, generic errors, headers) comes from the OpenAPI document. Keyed by `METHOD /path`
 * as the document spells it, e.g. `POST /api/v1/tasks/{id}/claims`.
 */
import type { AppError } from "../../../domain/errors";
import type { OperationEntry } from "../openapi-types";

export interface OperationGuidance {
  /** The skill's file name without `.md` (kebab-case), also its name in the manifest. */
  name: string;
  /** Why an agent would call this, and which operation to use instead in neighbouring cases. */
  purpose: string;
  /** p95 target in milliseconds, measured at the Worker. */
  latencyMs: number;
  /**
   * The refusals specific to this operation, built with the error catalogue's factories and
   * sample arguments. Authentication, rate-limit, idempotency, body and parameter validation
   * errors are added from the document.
   */
  errors: readonly AppError[];
  /** Side effects and how to undo them; reads leave it out ("not applicable"). */
  rollback?: string;
  /** Idempotency advice beyond the generic rules, e.g. what a retry without a key does. */
  idempotency?: string;
  /** Tips: defaults, how to read a field, privacy, what never to do. */
  notes: readonly string[];
  /** Values for the example request where the schemas' own examples would not fit together. */
  example?: {
    path?: Readonly<Record<string, string | number>>;
    query?: Readonly<Record<string, string | number>>;
    body?: unknown;
  };
}

export type GuidanceTable = Readonly<Record<string, OperationGuidance>>;

/** An operation of the document with the guidance written for it. */
export interface GuidedOperation {
  entry: OperationEntry;
  guidance: OperationGuidance;
}
