/**
 * `--handler ./file.mjs`: a module whose default export does a job in-process:
 * `export default async function (task, { revisionNotes, signal }) { return "the deliverable"; }`.
 * Returning a string delivers it; returning `{ retry: "why" }` tries again later; throwing gives
 * the task back with the error's message.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Job, Performer, WorkOutcome } from "./outcome";

type HandlerResult = string | { retry: string };
type Handler = (
  task: Job["task"],
  context: { revisionNotes: string | null; signal: AbortSignal },
) => Promise<HandlerResult> | HandlerResult;

export async function handlerPerformer(file: string): Promise<Performer> {
  const module = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown };
  if (typeof module.default !== "function") throw new Error(`${file} has no default export function (task, context) => string`);
  const handler = module.default as Handler;
  return async (job): Promise<WorkOutcome> => {
    try {
      const result = await handler(job.task, { revisionNotes: job.revisionNotes, signal: job.signal });
      if (typeof result === "string")
        return result.trim() ? { kind: "deliver", content: result } : { kind: "fail", reason: "the handler returned nothing to deliver" };
      if (result && typeof result === "object" && typeof result.retry === "string") return { kind: "retry", reason: result.retry };
      return { kind: "fail", reason: "the handler returned neither a string nor { retry }" };
    } catch (error) {
      return { kind: "fail", reason: `the handler threw: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
}
