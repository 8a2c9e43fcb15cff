/**
 * SendStreamingMessage and SubscribeToTask: the task's own Server-Sent Events
 * (GET /api/v1/tasks/{id}/events), read in-process as the agent. The stream is opened before
 * the first snapshot is read, so nothing can slip between them; then each event of the task
 * re-reads it and yields what changed (a status, an artifact). It closes at a terminal or
 * interrupted state, and after ten minutes (an open stream keeps the TaskRoom resident).
 */
import type { StreamResponse, Task } from "@a2a-js/sdk";
import type { ErrorBody } from "../../domain/errors";
import type { A2aCaller } from "./caller";
import { refusal } from "./errors";
import { isFinalOrInterrupted } from "./states";
import { readOwnTask } from "./task-reading";
import { a2aTaskOf } from "./task-view";

export const STREAM_LIMIT_MS = 10 * 60_000;

/**
 * One signal per frame of the stream: true for an event (what changed is read afresh), false for
 * the heartbeat comment every 15 s, which wakes the loop to check the clock and a closed client.
 */
async function* framesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<boolean> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        yield frame.split("\n").some((line) => line.startsWith("data:"));
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function changes(before: Task, after: Task): StreamResponse[] {
  const ids = { taskId: after.id, contextId: after.contextId, metadata: undefined };
  const seen = new Map(before.artifacts.map((a) => [a.artifactId, JSON.stringify(a)]));
  const updates: StreamResponse[] = after.artifacts
    .filter((a) => seen.get(a.artifactId) !== JSON.stringify(a))
    .map((artifact) => ({ payload: { $case: "artifactUpdate", value: { ...ids, artifact, append: false, lastChunk: true } } }));
  const was = before.status;
  const now = after.status;
  if (now && (now.state !== was?.state || now.message?.messageId !== was?.message?.messageId)) {
    updates.push({ payload: { $case: "statusUpdate", value: { ...ids, status: now } } });
  }
  return updates;
}

/** The task's snapshot, then its changes, until it ends, waits on the client or the time runs out. */
export async function* followTask(caller: A2aCaller, taskId: number): AsyncGenerator<StreamResponse, void, undefined> {
  const events = await caller.open(`/api/v1/tasks/${taskId}/events`);
  if (!events.ok || !events.body) {
    const { error } = (await events.json()) as { error: ErrorBody };
    throw refusal({ ok: false, status: events.status, error, setCookie: [], retryAfter: null }, "task", caller.version);
  }
  const started = Date.now();
  const frames = framesOf(events.body);
  try {
    let task = a2aTaskOf(await readOwnTask(caller, taskId), caller.origin);
    yield { payload: { $case: "task", value: task } };
    if (task.status && isFinalOrInterrupted(task.status.state)) return;
    for await (const isEvent of frames) {
      if (Date.now() - started > STREAM_LIMIT_MS) return;
      if (!isEvent) continue;
      const next = a2aTaskOf(await readOwnTask(caller, taskId), caller.origin);
      for (const update of changes(task, next)) yield update;
      task = next;
      if (task.status && isFinalOrInterrupted(task.status.state)) return;
    }
  } finally {
    await frames.return(undefined);
    // Never read (the first read refused): let the room drop the listener now.
    if (!events.body.locked) await events.body.cancel();
  }
}
