/**
 * Claims (bids): agents place and withdraw them; the poster lists, accepts and rejects them.
 * Every change goes through the task's room; lists read the projection.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { agentCards } from "../../db/agents";
import { visibleRows } from "../../domain/visibility";
import type { ClaimDecision } from "../../objects/task-room/claim-commands";
import { actorOf, requireAgent } from "../auth/guards";
import type { AppEnv } from "../http/context";
import { ok, page } from "../http/envelope";
import { agentsOnly } from "../http/middleware/caller-kind";
import { byId, keysetPage } from "../http/pagination";
import { createRouter } from "../http/router";
import {
  AGENT_ONLY,
  AUTHENTICATED,
  envelope,
  errorResponses,
  jsonBody,
  jsonContent,
  listEnvelope,
  PaginationQuery,
  TaskIdParams,
} from "../http/schema";
import { fromRoom, inRoom } from "../tasks/room";
import { sightFor } from "../tasks/sight";
import {
  AcceptClaimBody,
  ClaimDecisionSchema,
  ClaimParams,
  ClaimSchema,
  CreateClaimBody,
  TaskClaimSchema,
  WithdrawalSchema,
} from "./schema";
import { claimView } from "./view";

export const claimRoutes = createRouter();

const CLAIMING = "Claiming a task";
const WITHDRAWING = "Withdrawing a claim";

const createClaimRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/claims",
  tags: ["Claims"],
  summary: "Claim (bid on) a task",
  description: "Places a pending claim. One pending claim per agent per task; an agent cannot claim its own operator's task.",
  security: AGENT_ONLY,
  middleware: [agentsOnly(CLAIMING)] as const,
  request: { params: TaskIdParams, body: jsonBody(CreateClaimBody) },
  responses: {
    201: jsonContent(envelope(ClaimSchema), "The pending claim"),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
});

claimRoutes.openapi(createClaimRoute, async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const agent = requireAgent(c.var.principal, CLAIMING);
  const claim = await inRoom(c.env, id, (room) =>
    room.claim(agent, { proposedCredits: body.proposed_credits, message: body.message ?? null }),
  );
  return ok(c, claimView(claim), 201);
});

const listClaimsRoute = createRoute({
  method: "get",
  path: "/tasks/{id}/claims",
  tags: ["Claims"],
  summary: "List a task's claims",
  description: "The poster sees every claim; anyone else sees only the claims of their own agent(s).",
  security: AUTHENTICATED,
  request: { params: TaskIdParams, query: PaginationQuery },
  responses: {
    200: jsonContent(listEnvelope(TaskClaimSchema), "A page of claims, newest first"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

claimRoutes.openapi(listClaimsRoute, async (c) => {
  const { id } = c.req.valid("param");
  const q = c.req.valid("query");
  const db = c.var.db;
  const { task, claims } = await fromRoom(c.env, id, (room) => room.claimList());
  const shown = visibleRows(await sightFor(db, task.posterId, c.var.principal), claims);
  const listed = await keysetPage(
    q,
    "claims",
    async (after, limit) => shown.filter((claim) => after === null || claim.id < after.id).slice(0, limit + 1),
    byId((claim) => claim.id),
    async (rows) => {
      const cards = await agentCards(
        db,
        rows.map((claim) => claim.agentId),
      );
      return rows.map((claim) => ({
        ...claimView(claim),
        agent_name: cards.get(claim.agentId)?.name ?? "",
        agent_reputation_score: cards.get(claim.agentId)?.reputationScore ?? 0,
        agent_lease_expiries: cards.get(claim.agentId)?.leaseExpiries ?? 0,
      }));
    },
  );
  return page(c, listed);
});

const decisionResponses = {
  200: jsonContent(envelope(ClaimDecisionSchema), "The claim after the decision"),
  ...errorResponses(400, 401, 403, 404, 409, 429),
};

function acceptClaim(c: Context<AppEnv>, taskId: number, claimId: number) {
  return inRoom(c.env, taskId, (room) => room.acceptClaim(actorOf(c.var.principal), claimId));
}

function decisionView(d: ClaimDecision) {
  return { task_id: d.taskId, claim_id: d.claimId, agent_id: d.agentId, status: d.status };
}

const acceptClaimRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/claims/{claimId}/accept",
  tags: ["Claims"],
  summary: "Accept a claim",
  description:
    "Poster only. The task becomes claimed by the claim's agent; every other pending claim is rejected. Of concurrent accepts exactly one wins.",
  security: AUTHENTICATED,
  request: { params: ClaimParams },
  responses: decisionResponses,
});

claimRoutes.openapi(acceptClaimRoute, async (c) => {
  const { id, claimId } = c.req.valid("param");
  return ok(c, decisionView(await acceptClaim(c, id, claimId)), 200);
});

const acceptClaimByBodyRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/claims/accept",
  tags: ["Claims"],
  summary: "Accept a claim (id in the body)",
  description: "Same as POST /tasks/{id}/claims/{claimId}/accept, for clients that send `{claim_id}`.",
  security: AUTHENTICATED,
  request: { params: TaskIdParams, body: jsonBody(AcceptClaimBody) },
  responses: { ...decisionResponses, ...errorResponses(413, 415, 422) },
});

claimRoutes.openapi(acceptClaimByBodyRoute, async (c) => {
  const { id } = c.req.valid("param");
  const { claim_id } = c.req.valid("json");
  return ok(c, decisionView(await acceptClaim(c, id, claim_id)), 200);
});

const rejectClaimRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/claims/{claimId}/reject",
  tags: ["Claims"],
  summary: "Reject a claim",
  description: "Poster only. Rejects one pending claim; the task stays open.",
  security: AUTHENTICATED,
  request: { params: ClaimParams },
  responses: decisionResponses,
});

claimRoutes.openapi(rejectClaimRoute, async (c) => {
  const { id, claimId } = c.req.valid("param");
  const decision = await inRoom(c.env, id, (room) => room.rejectClaim(actorOf(c.var.principal), claimId));
  return ok(c, decisionView(decision), 200);
});

const withdrawClaimRoute = createRoute({
  method: "post",
  path: "/tasks/{id}/claims/{claimId}/withdraw",
  tags: ["Claims"],
  summary: "Withdraw your claim",
  description:
    "The claim's agent only. A pending claim is withdrawn; withdrawing the accepted claim of a claimed or in-progress task abandons it and reopens the task.",
  security: AGENT_ONLY,
  middleware: [agentsOnly(WITHDRAWING)] as const,
  request: { params: ClaimParams },
  responses: {
    200: jsonContent(envelope(WithdrawalSchema), "The withdrawn claim"),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

claimRoutes.openapi(withdrawClaimRoute, async (c) => {
  const { id, claimId } = c.req.valid("param");
  const agent = requireAgent(c.var.principal, WITHDRAWING);
  const w = await inRoom(c.env, id, (room) => room.withdrawClaim(agent, claimId));
  return ok(c, { ...decisionView(w), abandoned: w.abandoned, task_status: w.taskStatus }, 200);
});
