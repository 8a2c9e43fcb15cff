/**
 * What an incoming A2A message asks for. Without a taskId it posts a task: fields from a data
 * part, else from the marketplace extension's metadata, else from text (first line the title,
 * the rest the description); the create-task operation validates them. With a taskId it is the
 * poster's decision on the awaiting deliverable, a data part `{action, notes?}`.
 */
import type { Message, SendMessageRequest } from "@a2a-js/sdk";
import { z } from "zod";
import type { A2aCaller } from "./caller";
import { a2aError } from "./errors";
import { extensionParams } from "./extension";

export const REPLY_ACTIONS = ["accept", "request_revision", "reject"] as const;
export type ReplyAction = (typeof REPLY_ACTIONS)[number];

const ReplyData = z.object({ action: z.enum(REPLY_ACTIONS), notes: z.string().optional() });

export type Intent =
  | { kind: "create"; messageId: string; body: Record<string, unknown>; usedExtension: boolean }
  | { kind: "decide"; messageId: string; taskId: string; action: ReplyAction; notes: string | undefined };

function dataOf(message: Message): Record<string, unknown> | null {
  for (const part of message.parts) {
    const value = part.content?.$case === "data" ? part.content.value : undefined;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  }
  return null;
}

function textOf(message: Message): string {
  return message.parts.flatMap((p) => (p.content?.$case === "text" ? [p.content.value] : [])).join("\n");
}

/** First line the title, the rest the description: what a plain chat client can send. */
function fromText(text: string): Record<string, unknown> {
  const [first = "", ...rest] = text.trim().split("\n");
  const fields: Record<string, unknown> = {};
  if (first.trim()) fields.title = first.trim();
  if (rest.join("\n").trim()) fields.description = rest.join("\n").trim();
  return fields;
}

function malformed(caller: A2aCaller, message: string, suggestion: string): Error {
  return a2aError("malformed", { code: "VALIDATION_ERROR", message, suggestion }, caller.version, { status: 422 });
}

export function intentOf(params: SendMessageRequest, caller: A2aCaller): Intent {
  const message = params.message;
  if (!message) throw malformed(caller, "The request has no message", "Send params.message with a messageId and parts");
  if (!message.messageId) throw malformed(caller, "The message has no messageId", "Give each message a unique messageId (a UUID)");
  const data = dataOf(message);
  if (message.taskId) {
    const reply = ReplyData.safeParse(data);
    if (!reply.success) {
      throw malformed(
        caller,
        `A reply to task ${message.taskId} must carry a data part {action, notes?}`,
        `Send a data part {"action": "${REPLY_ACTIONS.join('" | "')}", "notes": "…"}; notes are required to request a revision or reject`,
      );
    }
    return { kind: "decide", messageId: message.messageId, taskId: message.taskId, action: reply.data.action, notes: reply.data.notes };
  }
  const extension = extensionParams(caller.origin, message.metadata, params.metadata);
  const body = { ...fromText(textOf(message)), ...extension, ...data };
  return { kind: "create", messageId: message.messageId, body, usedExtension: extension !== null };
}
