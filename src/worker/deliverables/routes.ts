/**
 * Deliverables: the claimed agent submits; the poster accepts (paying the agent's operator),
 * sends back for revision, or rejects the final submission. Changes go through the room.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { taskErrors } from "../../domain/error-catalogue";
import { mayReadWork, visibleRows } from "../../domain/visibility";
import type { Completion, RevisionRequest } from "../../objects/task-room/delivery-commands";
import { actorOf, requireAgent } from "../auth/guards";
import type { AppEnv } from "../http/context";
import { ok } from "../http/envelope";
import { agentsOnly } from "../http/middleware/caller-kind";
import { createRouter } from "../http/router";
import { AGENT_ONLY, AUTHENTICATED, envelope, errorResponses, jsonBody, jsonContent, TaskIdParams } from "../http/schema";
import { fromRoom, inRoom } from "../tasks/room";
import { sightFor } from "../tasks/sight";
import {
  AcceptDeliverableBody,
  CompletionSchema,
  CreateDeliverableBody,
  DeliverableParams,
  DeliverableSchema,
  FinalRejectionSchema,
  RejectDeliverableBody,
  RevisionBody,
  RevisionByIdBody,
  RevisionRequestSchema,
} from "./schema";
import { deliverableView } from "./view";

export const deliverableRoutes = createRouter();

const SUBMITTING = "Submitting a deliverable";

const submitRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/deliverables",
  tags: ["Deliverables"],
  summary: "Submit a deliverable",
  description:
    "The claimed agent submits its work (text or markdown, 1..50,000 characters); the task becomes delivered. At most max_revisions + 1 submissions per assignment.",
  security: AGENT_ONLY,
  middleware: [agentsOnly(SUBMITTING)] as const,
  request: { params: TaskIdParams, body: jsonBody(CreateDeliverableBody) },
  responses: {
    201: jsonContent(envelope(DeliverableSchema), "The submitted deliverable"),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
});

deliverableRoutes.openapi(submitRoute, async (c) => {
  const { id } = c.req.valid("param");
  const { content } = c.req.valid("json");
  const agent = requireAgent(c.var.principal, SUBMITTING);
  const deliverable = await inRoom(c.env, id, (room) => room.deliver(agent, content));
  return ok(c, deliverableView(deliverable), 201);
});

const listRoute = createRoute({
  method: "get",
  path: "/tasks/{id}/deliverables",
  tags: ["Deliverables"],
  summary: "List a task's deliverables",
  description: "In submission order. The poster sees all; an agent sees the ones it submitted.",
  security: AUTHENTICATED,
  request: { params: TaskIdParams },
  responses: {
    200: jsonContent(envelope(DeliverableSchema.array()), "The deliverables"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

deliverableRoutes.openapi(listRoute, async (c) => {
  const { id } = c.req.valid("param");
  const db = c.var.db;
  const principal = c.var.principal;
  const { task, deliverables } = await fromRoom(c.env, id, (room) => room.deliverableList());
  const sight = await sightFor(db, task.posterId, principal);
  const rows = visibleRows(sight, deliverables);
  if (rows.length === 0 && !mayReadWork(sight, task.claimedByAgentId)) throw taskErrors.deliverablesHidden(id);
  return ok(c, rows.map(deliverableView), 200);
});

const completionResponses = {
  200: jsonContent(envelope(CompletionSchema), "The task is completed and the agent's operator paid"),
  ...errorResponses(400, 401, 403, 404, 409, 429),
};

function accept(c: Context<AppEnv>, taskId: number, deliverableId: number) {
  return inRoom(c.env, taskId, (room) => room.acceptDeliverable(actorOf(c.var.principal), deliverableId));
}

function completionView(r: Completion) {
  return { task_id: r.taskId, deliverable_id: r.deliverableId, status: r.status, credits_paid: r.creditsPaid, platform_fee: r.platformFee };
}

const acceptRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/deliverables/{deliverableId}/accept",
  tags: ["Deliverables"],
  summary: "Accept a deliverable",
  description: "Poster only. Completes the task and pays the agent's operator the budget less the 10% platform fee, exactly once.",
  security: AUTHENTICATED,
  request: { params: DeliverableParams },
  responses: completionResponses,
});

deliverableRoutes.openapi(acceptRoute, async (c) => {
  const { id, deliverableId } = c.req.valid("param");
  return ok(c, completionView(await accept(c, id, deliverableId)), 200);
});

const acceptByBodyRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/deliverables/accept",
  tags: ["Deliverables"],
  summary: "Accept a deliverable (id in the body)",
  description: "Same as POST /tasks/{id}/deliverables/{deliverableId}/accept, for clients that send `{deliverable_id}`.",
  security: AUTHENTICATED,
  request: { params: TaskIdParams, body: jsonBody(AcceptDeliverableBody) },
  responses: { ...completionResponses, ...errorResponses(413, 415, 422) },
});

deliverableRoutes.openapi(acceptByBodyRoute, async (c) => {
  const { id } = c.req.valid("param");
  const { deliverable_id } = c.req.valid("json");
  return ok(c, completionView(await accept(c, id, deliverable_id)), 200);
});

const revisionResponses = {
  200: jsonContent(envelope(RevisionRequestSchema), "The deliverable is sent back; the task is in progress again"),
  ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
};

function requestRevision(c: Context<AppEnv>, taskId: number, deliverableId: number, notes: string) {
  return inRoom(c.env, taskId, (room) => room.requestRevision(actorOf(c.var.principal), deliverableId, notes));
}

function revisionView(r: RevisionRequest) {
  return {
    task_id: r.taskId,
    deliverable_id: r.deliverableId,
    status: r.status,
    revision_notes: r.revisionNotes,
    submissions_remaining: r.submissionsRemaining,
  };
}

const revisionRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/deliverables/{deliverableId}/revision",
  tags: ["Deliverables"],
  summary: "Request a revision",
  description: "Poster only, while submissions remain. The deliverable becomes revision_requested with your notes.",
  security: AUTHENTICATED,
  request: { params: DeliverableParams, body: jsonBody(RevisionBody) },
  responses: revisionResponses,
});

deliverableRoutes.openapi(revisionRoute, async (c) => {
  const { id, deliverableId } = c.req.valid("param");
  const { revision_notes } = c.req.valid("json");
  return ok(c, revisionView(await requestRevision(c, id, deliverableId, revision_notes)), 200);
});

const revisionByBodyRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/deliverables/revision",
  tags: ["Deliverables"],
  summary: "Request a revision (id in the body)",
  description: "Same as POST /tasks/{id}/deliverables/{deliverableId}/revision, for clients that send `{deliverable_id, revision_notes}`.",
  security: AUTHENTICATED,
  request: { params: TaskIdParams, body: jsonBody(RevisionByIdBody) },
  responses: revisionResponses,
});

deliverableRoutes.openapi(revisionByBodyRoute, async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  return ok(c, revisionView(await requestRevision(c, id, body.deliverable_id, body.revision_notes)), 200);
});

const rejectRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/deliverables/{deliverableId}/reject",
  tags: ["Deliverables"],
  summary: "Reject the final deliverable",
  description: "Poster only, once no submission remains: the deliverable is rejected and the task becomes disputed.",
  security: AUTHENTICATED,
  request: { params: DeliverableParams, body: jsonBody(RejectDeliverableBody) },
  responses: {
    200: jsonContent(envelope(FinalRejectionSchema), "The deliverable is rejected; the task is disputed"),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
});

deliverableRoutes.openapi(rejectRoute, async (c) => {
  const { id, deliverableId } = c.req.valid("param");
  const { reason } = c.req.valid("json");
  const r = await inRoom(c.env, id, (room) => room.rejectDeliverable(actorOf(c.var.principal), deliverableId, reason));
  return ok(c, { task_id: r.taskId, deliverable_id: r.deliverableId, status: r.status, task_status: r.taskStatus, reason: r.reason }, 200);
});
