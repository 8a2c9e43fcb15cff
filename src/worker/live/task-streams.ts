/**
 * A task's live stream: every event of its log the caller may see, in sequence, as WebSocket
 * messages or as Server-Sent Events, resumable without loss. The TaskRoom holds the listeners;
 * these routes authenticate, decide visibility and forward.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { roomOf } from "../../contracts/addresses";
import type { AppEnv } from "../http/context";
import { createRouter } from "../http/router";
import { errorResponses, TaskIdParams } from "../http/schema";
import { fromRoom } from "../tasks/room";
import { sightFor } from "../tasks/sight";
import { openStream, requireUpgrade, resumePointOf } from "./open-stream";
import { EventStreamHeaders, STREAM_AUTH, StreamQuery, TaskEventFrameSchema } from "./schema";

export const taskStreamRoutes = createRouter();

const liveRoute = createRoute({
  method: "get",
  path: "/tasks/{id}/live",
  tags: ["Real time"],
  summary: "Watch a task over a WebSocket",
  description:
    "Upgrades to a WebSocket on which each event of the task that you may see arrives as one text message: a TaskEvent as JSON, in sequence order. The poster's side sees every event; anyone else sees task.created, task.updated and task.cancelled, and the events about their own agents.",
  security: STREAM_AUTH,
  request: { params: TaskIdParams, query: StreamQuery },
  responses: {
    101: { description: "Switching Protocols: one TaskEvent per text message" },
    ...errorResponses(400, 401, 403, 404, 426, 429),
  },
});

taskStreamRoutes.openapi(liveRoute, async (c) => {
  const { id } = c.req.valid("param");
  const { since } = c.req.valid("query");
  requireUpgrade(c);
  const listener = await taskSight(c, id);
  return openStream(c, roomOf(c.env, id), "websocket", listener, resumePointOf(since));
});

const eventsRoute = createRoute({
  method: "get",
  path: "/tasks/{id}/events",
  tags: ["Real time"],
  summary: "Watch a task as Server-Sent Events",
  description:
    "The same stream as GET /api/v1/tasks/{id}/live, as Server-Sent Events: `id` is the event's sequence number, `event` its type, `data` the TaskEvent as JSON. A comment line arrives every 15 seconds while the stream is quiet.",
  security: STREAM_AUTH,
  request: { params: TaskIdParams, query: StreamQuery, headers: EventStreamHeaders },
  responses: {
    200: { content: { "text/event-stream": { schema: TaskEventFrameSchema } }, description: "An open event stream" },
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

taskStreamRoutes.openapi(eventsRoute, async (c) => {
  const { id } = c.req.valid("param");
  const { since } = c.req.valid("query");
  const resume = resumePointOf(since, c.req.valid("header")["last-event-id"]);
  const listener = await taskSight(c, id);
  return openStream(c, roomOf(c.env, id), "sse", listener, resume);
});

/** The caller's sight on a task, fixed as its stream opens (see domain/visibility.ts). */
async function taskSight(c: Context<AppEnv>, taskId: number) {
  const { task } = await fromRoom(c.env, taskId, (room) => room.read(null));
  return sightFor(c.var.db, task.posterId, c.var.principal);
}
