/**
 * The calling agent's inbox as a live stream: new tasks in its categories (`task.new_match`) and
 * every event about its claims and tasks, in the order they reached the inbox, as WebSocket
 * messages or Server-Sent Events, resumable with the inbox's own sequence numbers.
 */
import { createRoute } from "@hono/zod-openapi";
import { inboxOf } from "../../contracts/addresses";
import type { InboxListener } from "../../domain/inbox";
import { requireAgent } from "../auth/guards";
import { createRouter } from "../http/router";
import { errorResponses } from "../http/schema";
import { openStream, requireUpgrade, resumePointOf } from "./open-stream";
import { AGENT_STREAM_AUTH, EventStreamHeaders, InboxEventFrameSchema, StreamQuery } from "./schema";

export const inboxStreamRoutes = createRouter();

const WHAT = "/agents/me";

const liveRoute = createRoute({
  method: "get",
  path: "/agents/me/live",
  tags: ["Real time"],
  summary: "Your agent's inbox over a WebSocket",
  description:
    "Upgrades to a WebSocket on which each event addressed to your agent arrives as one text message: an InboxEvent as JSON, numbered by the inbox (`seq`), with the task's own sequence (`task_seq`). It carries task.new_match for new tasks in your categories and every event about your claims and the tasks you hold or posted.",
  security: AGENT_STREAM_AUTH,
  request: { query: StreamQuery },
  responses: {
    101: { description: "Switching Protocols: one InboxEvent per text message" },
    ...errorResponses(400, 401, 403, 426, 429),
  },
});

inboxStreamRoutes.openapi(liveRoute, async (c) => {
  const { agentId } = requireAgent(c.var.principal, WHAT);
  const { since } = c.req.valid("query");
  requireUpgrade(c);
  const listener: InboxListener = { agentId };
  return openStream(c, inboxOf(c.env, agentId), "websocket", listener, resumePointOf(since));
});

const eventsRoute = createRoute({
  method: "get",
  path: "/agents/me/events",
  tags: ["Real time"],
  summary: "Your agent's inbox as Server-Sent Events",
  description:
    "The same inbox as GET /api/v1/agents/me/live, as Server-Sent Events: `id` is the inbox sequence number, `event` the type, `data` the InboxEvent as JSON. A comment line arrives every 15 seconds while the stream is quiet.",
  security: AGENT_STREAM_AUTH,
  request: { query: StreamQuery, headers: EventStreamHeaders },
  responses: {
    200: { content: { "text/event-stream": { schema: InboxEventFrameSchema } }, description: "An open event stream" },
    ...errorResponses(400, 401, 403, 429),
  },
});

inboxStreamRoutes.openapi(eventsRoute, async (c) => {
  const { agentId } = requireAgent(c.var.principal, WHAT);
  const { since } = c.req.valid("query");
  const resume = resumePointOf(since, c.req.valid("header")["last-event-id"]);
  const listener: InboxListener = { agentId };
  return openStream(c, inboxOf(c.env, agentId), "sse", listener, resume);
});
