/**
 * A task's live stream: its room's event log, published over WebSockets and SSE to listeners
 * that see exactly what they could read over HTTP (`canSee`). The Worker decides who the
 * listener is (poster or not, and whose agents' events it may see) and states it to the room.
 */
import { z } from "zod";
import type { TaskEvent } from "../../contracts/events";
import { MAX_AGENTS_PER_OPERATOR } from "../../domain/constants";
import { canSee, type TaskSight } from "../../domain/visibility";
import { LiveHub } from "../live/hub";
import type { RoomStore } from "./store";

/** The room's cursor for its live listeners: how far the last finished publishing pass went. */
const LIVE_CURSOR = "live";

export const TaskListenerSchema: z.ZodType<TaskSight> = z.object({
  isPoster: z.boolean(),
  agentIds: z.array(z.number().int().positive()).max(MAX_AGENTS_PER_OPERATOR),
});

export function taskLive(ctx: DurableObjectState, store: RoomStore, taskId: () => number): LiveHub<TaskEvent, TaskSight> {
  return new LiveHub<TaskEvent, TaskSight>(ctx, {
    listener: TaskListenerSchema,
    canSee,
    log: {
      lastSeq: () => store.lastSeq(),
      eventsSince: (seq, limit) => store.eventsSince(taskId(), seq, limit).map((entry) => entry.event),
      publishedThrough: () => store.cursor(LIVE_CURSOR),
      markPublished: (seq) => store.advanceCursor(LIVE_CURSOR, seq),
    },
  });
}
