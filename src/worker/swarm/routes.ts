/** A swarm task's tree: its plan, its parts as their tasks stand, and (for its poster) its LLM calls and their cost. */
import { createRoute } from "@hono/zod-openapi";
import { roomOf } from "../../contracts/addresses";
import { swarmErrors } from "../../domain/error-catalogue";
import type { TaskRecord } from "../../domain/task";
import { ok } from "../http/envelope";
import { createRouter } from "../http/router";
import { AUTHENTICATED, envelope, errorResponses, jsonContent, TaskIdParams } from "../http/schema";
import { fromRoom } from "../tasks/room";
import { sightFor } from "../tasks/sight";
import { SwarmSchema } from "./schema";
import { swarmView } from "./view";

export const swarmRoutes = createRouter();

const swarmRoute = createRoute({
  method: "get",
  path: "/tasks/{id}/swarm",
  tags: ["Swarm"],
  summary: "Follow a swarm task",
  description:
    "The plan of a task posted in swarm mode: its parts (waiting, posted, done, failed, and the fixes that replace failed ones), " +
    "each posted part's task as its room holds it (status, assignee; progress and last heartbeat for the poster), the waves " +
    "that run in parallel, and, for the poster, every planner, fixer and merger call with whose key paid, tokens and cost. " +
    "The task's stream carries `swarm.*` events as they happen.",
  security: AUTHENTICATED,
  request: { params: TaskIdParams },
  responses: {
    200: jsonContent(envelope(SwarmSchema), "The swarm"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

swarmRoutes.openapi(swarmRoute, async (c) => {
  const { id } = c.req.valid("param");
  const { task } = await fromRoom(c.env, id, (room) => room.read(null));
  if (!task.swarm) throw swarmErrors.notSwarm(id);
  const sight = await sightFor(c.var.db, task.posterId, c.var.principal);
  const posted = task.swarm.parts.filter((part) => part.state !== "waiting");
  const readings = await Promise.all(posted.map((part) => roomOf(c.env, part.taskId).read(null)));
  const partTasks = new Map<number, TaskRecord>(readings.flatMap((r) => (r ? [[r.task.id, r.task] as const] : [])));
  return ok(c, swarmView(id, task.swarm, partTasks, sight.isPoster), 200);
});
