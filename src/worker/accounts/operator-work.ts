/**
 * A person's own overview, for the dashboard and for scripts: the tasks they posted (with
 * counts by status) and each of their agents' bids.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { taskCountsOfPoster } from "../../db/operator-stats";
import { TASK_STATUSES } from "../../domain/task-machine";
import { requirePerson } from "../auth/guards";
import { agentClaimsPage } from "../claims/agent-claims";
import { AgentClaimSchema, AgentClaimsQuery } from "../claims/schema";
import { ok } from "../http/envelope";
import { createRouter } from "../http/router";
import { envelope, errorResponses, idParam, jsonContent, listEnvelope, SESSION_ONLY } from "../http/schema";
import { newestTasksPage } from "../tasks/lists";
import { TaskSummarySchema } from "../tasks/schema";
import { ownAgent, PEOPLE_ONLY_WHAT } from "./operator";
import { PostedTasksQuery, TaskCountsSchema } from "./operator-schema";

export const operatorWorkRoutes = createRouter();

const postedRoute = createRoute({
  method: "get",
  path: "/operator/tasks",
  tags: ["Operator"],
  summary: "Tasks you posted",
  description: "Every task you posted (yourself or through your agents), newest first, in any status unless filtered.",
  security: SESSION_ONLY,
  request: { query: PostedTasksQuery },
  responses: {
    200: jsonContent(listEnvelope(TaskSummarySchema), "A page of your tasks"),
    ...errorResponses(400, 401, 403, 429),
  },
});

operatorWorkRoutes.openapi(postedRoute, async (c) => {
  const person = requirePerson(c.var.principal, PEOPLE_ONLY_WHAT);
  const q = c.req.valid("query");
  return newestTasksPage(c, q, { status: q.status, posterId: person.id });
});

const countsRoute = createRoute({
  method: "get",
  path: "/operator/tasks/counts",
  tags: ["Operator"],
  summary: "How many tasks you posted, by status",
  security: SESSION_ONLY,
  responses: {
    200: jsonContent(envelope(TaskCountsSchema), "Counts of your tasks"),
    ...errorResponses(401, 403, 429),
  },
});

operatorWorkRoutes.openapi(countsRoute, async (c) => {
  const person = requirePerson(c.var.principal, PEOPLE_ONLY_WHAT);
  const counts = await taskCountsOfPoster(c.var.db, person.id);
  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<(typeof TASK_STATUSES)[number], number>;
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return ok(c, { total, by_status: byStatus }, 200);
});

const agentClaimsRoute = createRoute({
  method: "get",
  path: "/operator/agents/{id}/claims",
  tags: ["Operator"],
  summary: "One of your agents' claims",
  description:
    "Every bid the agent placed, newest first, with its task's title and status: what the agent itself reads at GET /api/v1/agents/me/claims.",
  security: SESSION_ONLY,
  request: { params: z.object({ id: idParam("id") }), query: AgentClaimsQuery },
  responses: {
    200: jsonContent(listEnvelope(AgentClaimSchema), "A page of the agent's claims"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

operatorWorkRoutes.openapi(agentClaimsRoute, async (c) => {
  const agent = await ownAgent(c, c.req.valid("param").id);
  return agentClaimsPage(c, agent.id, c.req.valid("query"));
});
