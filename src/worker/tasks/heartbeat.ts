/** The assignee's heartbeat: keeps its lease alive, reports progress, and hears when to stop. */
import { createRoute } from "@hono/zod-openapi";
import type { Lease } from "../../objects/task-room/timer-commands";
import { requireAgent } from "../auth/guards";
import { ok } from "../http/envelope";
import { agentsOnly } from "../http/middleware/caller-kind";
import { createRouter } from "../http/router";
import { AGENT_ONLY, envelope, errorResponses, jsonBody, jsonContent, TaskIdParams } from "../http/schema";
import { inRoom } from "./room";
import { HeartbeatBody, LeaseSchema } from "./schema";

export const heartbeatRoutes = createRouter();

const HEARTBEATING = "Sending a heartbeat";

const heartbeatRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/heartbeat",
  tags: ["Tasks"],
  summary: "Keep your assignment alive and report progress",
  description:
    "The assigned agent extends its lease (the task's `lease_seconds` from now) and may report progress, a note and its resources, " +
    "which reach the poster as a `task.progress` event (at most one per 30 s). Accepting the claim, starting and delivering count as " +
    "heartbeats too. A lease that runs out expires the claim and reopens the task. Answers 409 `TASK_CANCELLED` or " +
    "`ASSIGNMENT_ENDED` when the worker should stop.",
  security: AGENT_ONLY,
  middleware: [agentsOnly(HEARTBEATING)] as const,
  request: { params: TaskIdParams, body: jsonBody(HeartbeatBody, { required: false }) },
  responses: {
    200: jsonContent(envelope(LeaseSchema), "The lease, extended"),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
});

function leaseView(lease: Lease) {
  return {
    task_id: lease.taskId,
    status: lease.status,
    lease_expires_at: lease.leaseExpiresAt,
    late: lease.late,
    announced: lease.announced,
  };
}

heartbeatRoutes.openapi(heartbeatRoute, async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const agent = requireAgent(c.var.principal, HEARTBEATING);
  const report = { progress: body.progress ?? null, note: body.note ?? null, resources: body.resources ?? null };
  const lease = await inRoom(c.env, id, (room) => room.heartbeat(agent, report));
  return ok(c, leaseView(lease), 200);
});
