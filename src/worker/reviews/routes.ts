/** The reviewer's attempts on a task: the poster sees all, an agent its own. */
import { createRoute } from "@hono/zod-openapi";
import { runsOfTask } from "../../db/reviews";
import { taskErrors } from "../../domain/error-catalogue";
import { mayReadWork, visibleAgents } from "../../domain/visibility";
import { ok } from "../http/envelope";
import { createRouter } from "../http/router";
import { AUTHENTICATED, envelope, errorResponses, jsonContent, TaskIdParams } from "../http/schema";
import { fromRoom } from "../tasks/room";
import { sightFor } from "../tasks/sight";
import { ReviewAttemptSchema } from "./schema";
import { reviewAttemptView } from "./view";

export const reviewRoutes = createRouter();

const listRoute = createRoute({
  method: "get",
  path: "/tasks/{id}/reviews",
  tags: ["Reviews"],
  summary: "List the reviewer's attempts",
  description:
    "One attempt per submission of an auto-reviewed task, in submission order: result, feedback, scores, whose key paid, provider and model, token usage and cost estimate, timestamps. The poster sees all; an agent sees its own.",
  security: AUTHENTICATED,
  request: { params: TaskIdParams },
  responses: {
    200: jsonContent(envelope(ReviewAttemptSchema.array()), "The attempts"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

reviewRoutes.openapi(listRoute, async (c) => {
  const { id } = c.req.valid("param");
  const db = c.var.db;
  const { task } = await fromRoom(c.env, id, (room) => room.read(null));
  const sight = await sightFor(db, task.posterId, c.var.principal);
  const runs = await runsOfTask(db, id, visibleAgents(sight));
  if (runs.length === 0 && !mayReadWork(sight, task.claimedByAgentId)) throw taskErrors.reviewsHidden(id);
  return ok(c, runs.map(reviewAttemptView), 200);
});
