/**
 * The platform operators' endpoints (people listed in PLATFORM_OPERATOR_EMAILS): the dead letters
 * of every queue, with replay, and the reconciler's recent runs.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type DeadLetterRow, deadLetterOf, deadLetterPage, markReplayed } from "../../db/dead-letters";
import { latestReconcilerRuns } from "../../db/reconciler";
import { emailOf } from "../../db/users";
import { operationErrors } from "../../domain/error-catalogue";
import { isPlatformOperator } from "../../domain/operations";
import { replayDeadLetter } from "../../queues/replay";
import { requirePerson } from "../auth/guards";
import type { AppEnv } from "../http/context";
import { ok, page } from "../http/envelope";
import { byId, keysetPage } from "../http/pagination";
import { createRouter } from "../http/router";
import { envelope, errorResponses, jsonContent, listEnvelope, SESSION_ONLY } from "../http/schema";
import { DeadLetterParams, DeadLetterQuery, DeadLetterSchema, ReconcilerRunSchema, ReconcilerRunsQuery } from "./schema";

export const operationRoutes = createRouter();

const OPERATIONS = "Reading the platform's operations";

/** The caller, if a signed-in platform operator; otherwise the refusal. */
async function requirePlatformOperator(c: Context<AppEnv>): Promise<void> {
  const person = requirePerson(c.var.principal, OPERATIONS);
  const email = await emailOf(c.var.db, person.id);
  if (email === null || !isPlatformOperator(email, c.env.PLATFORM_OPERATOR_EMAILS)) throw operationErrors.notPlatformOperator();
}

function deadLetterView(row: DeadLetterRow) {
  let body: unknown = row.body;
  try {
    body = JSON.parse(row.body);
  } catch {
    // Kept as the text it was: a body that never parsed is exactly what an operator needs to see.
  }
  return {
    id: row.id,
    queue: row.queue,
    message_id: row.messageId,
    attempts: row.attempts,
    body,
    created_at: row.createdAt,
    replayed_at: row.replayedAt,
    replays: row.replays,
  };
}

const listRoute = createRoute({
  method: "get",
  path: "/operations/dead-letters",
  tags: ["Operations"],
  summary: "Dead letters of every queue",
  description: "Messages a consumer gave up on, newest first, with their bodies. Platform operators only.",
  security: SESSION_ONLY,
  request: { query: DeadLetterQuery },
  responses: {
    200: jsonContent(listEnvelope(DeadLetterSchema), "A page of dead letters"),
    ...errorResponses(400, 401, 403, 429),
  },
});

operationRoutes.openapi(listRoute, async (c) => {
  await requirePlatformOperator(c);
  const q = c.req.valid("query");
  const letters = await keysetPage(
    q,
    "dead_letters",
    (after, limit) => deadLetterPage(c.var.db, q.queue, after?.id ?? null, limit),
    byId((r) => r.id),
    (rows) => rows.map(deadLetterView),
  );
  return page(c, letters);
});

const replayRoute = createRoute({
  method: "post",
  path: "/operations/dead-letters/{id}/replay",
  tags: ["Operations"],
  summary: "Put a dead letter back on its queue",
  description:
    "Sends the message again to the queue it came from (a webhook message under a new dispatch). Consumers are idempotent, so a replay only finishes what was left undone. Platform operators only.",
  security: SESSION_ONLY,
  request: { params: DeadLetterParams },
  responses: {
    200: jsonContent(envelope(DeadLetterSchema), "The dead letter, replayed"),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

operationRoutes.openapi(replayRoute, async (c) => {
  await requirePlatformOperator(c);
  const { id } = c.req.valid("param");
  const letter = await deadLetterOf(c.var.db, id);
  if (!letter) throw operationErrors.deadLetterNotFound(id);
  const replay = await replayDeadLetter(c.env, c.var.db, letter);
  if (!replay.replayed) throw operationErrors.notReplayable(id, replay.why);
  return ok(c, deadLetterView(await markReplayed(c.var.db, id, new Date().toISOString())), 200);
});

const reconcilerRoute = createRoute({
  method: "get",
  path: "/operations/reconciler",
  tags: ["Operations"],
  summary: "The reconciler's recent runs",
  description: "What each run (every five minutes) examined and repaired, newest first. Platform operators only.",
  security: SESSION_ONLY,
  request: { query: ReconcilerRunsQuery },
  responses: {
    200: jsonContent(envelope(ReconcilerRunSchema.array()), "The latest runs"),
    ...errorResponses(400, 401, 403, 429),
  },
});

operationRoutes.openapi(reconcilerRoute, async (c) => {
  await requirePlatformOperator(c);
  const runs = await latestReconcilerRuns(c.var.db, c.req.valid("query").limit);
  return ok(
    c,
    runs.map((r) => ({
      id: r.id,
      examined: r.examined,
      timers_fired: r.timersFired,
      unsettled: r.unsettled,
      failed: r.failed,
      reprojected: r.reprojected,
      swept_to: r.sweptTo,
      created_at: r.createdAt,
    })),
    200,
  );
});
