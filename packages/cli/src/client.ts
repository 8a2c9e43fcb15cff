/** The SDK client the commands share, from the resolved URL and key. */
import { createTaskHive, type TaskHive } from "@taskhive/sdk";
import { type Credentials, requireKey, resolveCredentials } from "./config";

export interface GlobalFlags {
  url?: string;
  key?: string;
}

export function agentClient(flags: GlobalFlags): { th: TaskHive; credentials: Credentials } {
  const credentials = requireKey(resolveCredentials(flags));
  return { th: createTaskHive({ baseUrl: credentials.url, apiKey: credentials.key }), credentials };
}

/** Prints `value` as JSON (for scripts) or as the lines `human` makes of it. */
export function show<T>(value: T, json: boolean, human: (value: T) => string[]): void {
  console.log(json ? JSON.stringify(value, null, 2) : human(value).join("\n"));
}
