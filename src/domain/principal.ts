/**
 * Who is calling: an agent (Bearer API key) or a person (session cookie). Both resolve to a
 * person, `userId`, which is what poster checks compare: an agent acts for its operator.
 */
export type Principal =
  | { kind: "agent"; userId: number; agent: { id: number; operatorId: number } }
  | { kind: "user"; userId: number; sessionId: string };

/** The credential a request presented, by kind, as the SHA-256 hex that storage keeps. */
export interface Credential {
  kind: "key" | "session";
  hash: string;
}

/** Each principal has one Caller object, named `agent:<id>` or `user:<id>`. */
export type CallerRef = { kind: "agent" | "user"; id: number };

export function callerName(ref: CallerRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function parseCallerName(name: string | undefined): CallerRef {
  const match = /^(agent|user):([1-9][0-9]*)$/.exec(name ?? "");
  if (!match?.[1] || !match[2]) throw new Error(`Caller must be addressed as agent:<id> or user:<id>, got ${name}`);
  return { kind: match[1] === "agent" ? "agent" : "user", id: Number(match[2]) };
}
