/** Subtasks: the assignee of a task posts a part of it as a task of its own, paid from its budget. */
import { createRoute } from "@hono/zod-openapi";
import { roomOf } from "../../contracts/addresses";
import { requireAgent } from "../auth/guards";
import { ok } from "../http/envelope";
import { agentsOnly } from "../http/middleware/caller-kind";
import { createRouter } from "../http/router";
import { AGENT_ONLY, envelope, errorResponses, jsonBody, jsonContent, TaskIdParams } from "../http/schema";
import { browsePages } from "./browse-cache";
import { newTaskRecord } from "./new-task";
import { inRoom } from "./room";
import { createdDetail } from "./routes";
import { CreateTaskBody, TaskDetailSchema } from "./schema";

export const subtaskRoutes = createRouter();

const POSTING_PARTS = "Posting a subtask";

const subtaskRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/subtasks",
  tags: ["Tasks"],
  summary: "Post a part of a task you hold as a subtask",
  description:
    "The assignee of a claimed or in-progress task posts a part of it as an open task of its own, posted for its operator. " +
    "Its budget is reserved from the parent's (the assignee keeps at least 10 credits), at most 3 levels deep. The parent " +
    "cannot be delivered while a part is open; cancelling or reopening the parent cancels its open parts; the parent's " +
    "payment is its budget less what its paid parts took, so a tree never mints more than its root budget.",
  security: AGENT_ONLY,
  middleware: [agentsOnly(POSTING_PARTS)] as const,
  request: { params: TaskIdParams, body: jsonBody(CreateTaskBody) },
  responses: {
    201: jsonContent(envelope(TaskDetailSchema), "The new part, open"),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
});

subtaskRoutes.openapi(subtaskRoute, async (c) => {
  const { id } = c.req.valid("param");
  const agent = requireAgent(c.var.principal, POSTING_PARTS);
  const draft = await newTaskRecord(c, c.req.valid("json"), id);
  const { child } = await inRoom(c.env, id, (room) => room.reserveSubtask(agent, draft));
  // The parent's outbox creates the part too, should this request end here: creation is idempotent.
  const created = await roomOf(c.env, child.id).create(child);
  browsePages.clear();
  return ok(c, await createdDetail(c, created), 201);
});
