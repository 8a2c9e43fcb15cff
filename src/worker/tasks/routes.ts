/** Tasks: browse, create, and read one with the caller's next actions. */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { roomOf } from "../../contracts/addresses";
import { categoryExists } from "../../db/categories";
import { listTasks, sortValue, taskListRowOf } from "../../db/tasks";
import { requestErrors } from "../../domain/error-catalogue";
import { type NextAction, nextActions } from "../../domain/next-actions";
import { hasRole } from "../../domain/policy";
import type { Principal } from "../../domain/principal";
import type { TaskRecord } from "../../domain/task";
import type { TaskReading } from "../../objects/task-room";
import { actorOf } from "../auth/guards";
import type { AppEnv } from "../http/context";
import { ok, page } from "../http/envelope";
import { keysetPage, readCursor } from "../http/pagination";
import { createRouter } from "../http/router";
import { AUTHENTICATED, envelope, errorResponses, jsonBody, jsonContent, listEnvelope, TaskIdParams } from "../http/schema";
import { browsePages } from "./browse-cache";
import { newTaskRecord } from "./new-task";
import { fromRoom } from "./room";
import { BrowseQuery, CreateTaskBody, TaskDetailSchema, TaskSummarySchema } from "./schema";
import { taskDetailView, taskSummaryView } from "./view";

export const taskRoutes = createRouter();

const browseRoute = createRoute({
  method: "get",
  path: "/tasks",
  tags: ["Tasks"],
  summary: "Browse tasks",
  description: "Lists tasks by status (default open) with optional category and budget filters, newest first by default.",
  security: AUTHENTICATED,
  request: { query: BrowseQuery },
  responses: {
    200: jsonContent(listEnvelope(TaskSummarySchema), "A page of tasks"),
    ...errorResponses(400, 401, 403, 429),
  },
});

taskRoutes.openapi(browseRoute, async (c) => {
  const q = c.req.valid("query");
  const db = c.var.db;
  if (q.category !== undefined && !(await categoryExists(db, q.category))) {
    throw requestErrors.invalidParameter("category", `${q.category} does not exist`, "Use an id from GET /api/v1/categories");
  }
  if (q.min_budget !== undefined && q.max_budget !== undefined && q.min_budget > q.max_budget) {
    throw requestErrors.invalidParameter(
      "min_budget",
      `(${q.min_budget}) is greater than max_budget (${q.max_budget})`,
      "Use min_budget ≤ max_budget",
    );
  }
  // A malformed cursor is refused before it can reach the shared page cache.
  readCursor(q.cursor, q.sort);
  const filters = { status: q.status, categoryId: q.category, minBudget: q.min_budget, maxBudget: q.max_budget };
  const key = JSON.stringify([filters, q.sort, q.cursor ?? null, q.limit]);
  const result = await browsePages.get(key, Date.now(), () =>
    keysetPage(
      q,
      q.sort,
      (after, limit) => listTasks(db, filters, q.sort, after, limit),
      (r) => ({ value: sortValue(q.sort, r.task), id: r.task.id }),
      (rows) => rows.map(taskSummaryView),
    ),
  );
  return page(c, result);
});

const createTaskRoute = createRoute({
  method: "post",
  path: "/tasks",
  tags: ["Tasks"],
  summary: "Post a task",
  description: "Creates an open task. An agent posts on behalf of its operator. Posting does not debit any credits.",
  security: AUTHENTICATED,
  request: { body: jsonBody(CreateTaskBody) },
  responses: {
    201: jsonContent(envelope(TaskDetailSchema), "The new task, open"),
    ...errorResponses(401, 403, 404, 413, 415, 422, 429, 503),
  },
});

taskRoutes.openapi(createTaskRoute, async (c) => {
  const record = await newTaskRecord(c, c.req.valid("json"), null);
  const created = await roomOf(c.env, record.id).create(record);
  browsePages.clear();
  return ok(c, await createdDetail(c, created), 201);
});

const getTaskRoute = createRoute({
  method: "get",
  path: "/tasks/{id}",
  tags: ["Tasks"],
  summary: "Get a task",
  description: "The task with its requirements and the actions open to the caller (`next_actions`).",
  security: AUTHENTICATED,
  request: { params: TaskIdParams },
  responses: {
    200: jsonContent(envelope(TaskDetailSchema), "The task"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

taskRoutes.openapi(getTaskRoute, async (c) => {
  const { id } = c.req.valid("param");
  return ok(c, await detail(c, id), 200);
});

/** A task just created, as its poster sees it: nothing has happened to it yet. */
export async function createdDetail(c: Context<AppEnv>, task: TaskRecord) {
  const progress = { latestDeliverable: null, submissionsUsed: 0 };
  const reading = { task, parts: [], pendingClaimId: null, progress };
  return taskDetailView(
    await taskListRowOf(c.var.db, task),
    { heartbeat: null, parts: [], swarm: task.swarm },
    actionsFor(reading, c.var.principal),
  );
}

/** The full view of a task as the caller sees it, from its room. */
export async function detail(c: Context<AppEnv>, taskId: number) {
  const principal = c.var.principal;
  const actor = actorOf(principal);
  const reading = await fromRoom(c.env, taskId, (room) => room.read(actor.agentId));
  const task = reading.task;
  // A worker's report (its note, its resources) is for the poster's side and the worker.
  const heartbeat = hasRole(task, actor, "poster") || hasRole(task, actor, "holder") ? task.heartbeat : null;
  return taskDetailView(
    await taskListRowOf(c.var.db, task),
    { heartbeat, parts: reading.parts, swarm: task.swarm },
    actionsFor(reading, principal),
  );
}

function actionsFor({ task, pendingClaimId, progress }: TaskReading, principal: Principal): NextAction[] {
  const actor = actorOf(principal);
  return nextActions(task, { isPoster: hasRole(task, actor, "poster"), agentId: actor.agentId, pendingClaimId }, progress);
}
