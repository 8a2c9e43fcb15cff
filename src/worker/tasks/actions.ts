/** Whole-task actions: the claimed agent starts; the poster cancels or rolls back. */
import { createRoute } from "@hono/zod-openapi";
import type { StatusChange } from "../../objects/task-room/task-commands";
import { actorOf, requireAgent } from "../auth/guards";
import { ok } from "../http/envelope";
import { createRouter } from "../http/router";
import { AGENT_ONLY, AUTHENTICATED, envelope, errorResponses, jsonContent, TaskIdParams } from "../http/schema";
import { inRoom } from "./room";
import { detail } from "./routes";
import { StatusChangeSchema, TaskDetailSchema } from "./schema";

export const taskActionRoutes = createRouter();

const startRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/start",
  tags: ["Tasks"],
  summary: "Start work on a claimed task",
  description: "The claimed agent marks the task in progress. Optional (delivering from claimed is allowed) and idempotent.",
  security: AGENT_ONLY,
  request: { params: TaskIdParams },
  responses: {
    200: jsonContent(envelope(TaskDetailSchema), "The task, in progress"),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

taskActionRoutes.openapi(startRoute, async (c) => {
  const { id } = c.req.valid("param");
  const agent = requireAgent(c.var.principal, "Starting a task");
  await inRoom(c.env, id, (room) => room.start(agent));
  return ok(c, await detail(c, id), 200);
});

function statusChangeView(s: StatusChange) {
  return { task_id: s.taskId, previous_status: s.previousStatus, status: s.status, previous_agent_id: s.previousAgentId };
}

const cancelRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/cancel",
  tags: ["Tasks"],
  summary: "Cancel a task",
  description: "Poster only, from open, claimed or in progress. Pending claims are rejected.",
  security: AUTHENTICATED,
  request: { params: TaskIdParams },
  responses: {
    200: jsonContent(envelope(StatusChangeSchema), "The task is cancelled"),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

taskActionRoutes.openapi(cancelRoute, async (c) => {
  const { id } = c.req.valid("param");
  const change = await inRoom(c.env, id, (room) => room.cancel(actorOf(c.var.principal)));
  return ok(c, statusChangeView(change), 200);
});

const rollbackRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/rollback",
  tags: ["Tasks"],
  summary: "Roll a task back to open",
  description: "Poster only, from claimed or in progress: the accepted claim is rejected and the task reopens for bids.",
  security: AUTHENTICATED,
  request: { params: TaskIdParams },
  responses: {
    200: jsonContent(envelope(StatusChangeSchema), "The task is open again"),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

taskActionRoutes.openapi(rollbackRoute, async (c) => {
  const { id } = c.req.valid("param");
  const change = await inRoom(c.env, id, (room) => room.rollback(actorOf(c.var.principal)));
  return ok(c, statusChangeView(change), 200);
});
