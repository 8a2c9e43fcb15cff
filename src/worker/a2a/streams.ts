/**
 * SendStreamingMessage and SubscribeToTask: the task's own Server-Sent Events
 * (GET /api/v1/tasks/{id}/events), read in-process as the agent. The stream is opened before
 * the first snapshot is read, so nothing can slip between them; then each event of the task
 * re-reads it and yields what changed (a status, an artifact). The status is the one the events
 * have reached, not the reading's: events reach a listener after the commands that caused them,
 * so a reading may already be several changes ahead, and every state the task passed through is
 * still reported, in order (a change landing between the opening and the first read is reported
 * again after the snapshot). It closes at a terminal or interrupted state, and after ten minutes
 * (an open stream keeps the TaskRoom resident).
 */
import type { StreamResponse, Task } from "@a2a-js/sdk";
import { type TaskEvent, TaskEventSchema } from "../../contracts/events";
import type { ErrorBody } from "../../domain/errors";
import type { TaskStatus } from "../../domain/task-machine";
import type { A2aCaller } from "./caller";
import { refusal } from "./errors";
import { a2aStateOf, isFinalOrInterrupted } from "./states";
import { readOwnTask, type TaskReading } from "./task-reading";
import { a2aTaskOf } from "./task-view";

export const STREAM_LIMIT_MS = 10 * 60_000;

/**
 * One item per frame of the stream: the event, or null for the heartbeat comment every 15 s,
 * which wakes the loop to check the clock and a closed client.
 */
async function* framesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<TaskEvent | null> {
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
        const data = frame.split("\n").find((line) => line.startsWith("data:"));
        yield data === undefined ? null : TaskEventSchema.parse(JSON.parse(data.slice("data:".length)));
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The status an event moved the task to, if it moved it. */
function statusAfter(event: TaskEvent): TaskStatus | null {
  if (event.type === "task.updated") return event.data.status;
  if (event.type === "task.cancelled") return "cancelled";
  return null;
}

/**
 * The task as of `event`: the reading itself when it stands at the status the events have
 * reached, else the reading's artifacts with that status (the reading is ahead).
 */
function asOf(event: TaskEvent, reached: TaskStatus, last: Task, reading: TaskReading, next: Task): Task {
  if (reading.task.status === reached) return next;
  const status =
    statusAfter(event) === reached
      ? { state: a2aStateOf(reached, reading.posterDecides), message: undefined, timestamp: event.occurred_at }
      : last.status;
  return { ...next, status };
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
    const first = await readOwnTask(caller, taskId);
    let task = a2aTaskOf(first, caller.origin);
    let reached = first.task.status;
    yield { payload: { $case: "task", value: task } };
    if (task.status && isFinalOrInterrupted(task.status.state)) return;
    for await (const event of frames) {
      if (Date.now() - started > STREAM_LIMIT_MS) return;
      if (!event) continue;
      const reading = await readOwnTask(caller, taskId);
      reached = statusAfter(event) ?? reached;
      const next = asOf(event, reached, task, reading, a2aTaskOf(reading, caller.origin));
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
