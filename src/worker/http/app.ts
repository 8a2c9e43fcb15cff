/**
 * Builds the Hono app: shared middleware (request id, D1 handle, body limits), the /auth and
 * /api/v1 routes, the discovery routes generated from their schemas (OpenAPI, docs, skills),
 * and the one error handler.
 */
import { except } from "hono/combine";
import { database } from "../../db/client";
import { API_BASE } from "../../domain/constants";
import { agentRoutes } from "../accounts/agents";
import { authRoutes } from "../accounts/auth";
import { operatorRoutes } from "../accounts/operator";
import { operatorWorkRoutes } from "../accounts/operator-work";
import { SESSION_COOKIE } from "../auth/sessions";
import { bulkClaimRoutes } from "../claims/bulk";
import { claimRoutes } from "../claims/routes";
import { deliverableRoutes } from "../deliverables/routes";
import { healthRoutes } from "../discovery/health";
import { registerDiscovery } from "../discovery/routes";
import { inboxStreamRoutes } from "../live/inbox-streams";
import { taskStreamRoutes } from "../live/task-streams";
import { realtimeTicketRoutes } from "../live/tickets";
import { operationRoutes } from "../operations/routes";
import { reviewRoutes } from "../reviews/routes";
import { swarmRoutes } from "../swarm/routes";
import { taskActionRoutes } from "../tasks/actions";
import { categoryRoutes } from "../tasks/categories";
import { heartbeatRoutes } from "../tasks/heartbeat";
import { taskRoutes } from "../tasks/routes";
import { searchRoutes } from "../tasks/search";
import { subtaskRoutes } from "../tasks/subtasks";
import { registerWebhookEvents } from "../webhooks/events";
import { webhookRoutes } from "../webhooks/routes";
import { notFound, onError } from "./errors";
import { authenticate } from "./middleware/authenticate";
import { limitBody, parseJsonBody } from "./middleware/body";
import { requestId } from "./middleware/request-id";
import { createRouter } from "./router";

/** Routes under /api/v1 that anyone may call. */
const PUBLIC_API_PATHS = [`${API_BASE}/health`, `${API_BASE}/openapi.json`];

export function createApp() {
  const app = createRouter();
  app.use(requestId);
  app.use(async (c, next) => {
    c.set("db", database(c.env.DB));
    await next();
  });
  app.use(limitBody, parseJsonBody);

  app.route("/", authRoutes);

  const api = createRouter();
  api.use(except(PUBLIC_API_PATHS, authenticate()));
  api.route("/", healthRoutes);
  // Literal paths before the parameterised ones that would capture them (/tasks/{id}, /tasks/{id}/claims).
  api.route("/", searchRoutes);
  api.route("/", bulkClaimRoutes);
  api.route("/", taskRoutes);
  api.route("/", claimRoutes);
  api.route("/", deliverableRoutes);
  api.route("/", reviewRoutes);
  api.route("/", swarmRoutes);
  api.route("/", taskActionRoutes);
  api.route("/", heartbeatRoutes);
  api.route("/", subtaskRoutes);
  api.route("/", operationRoutes);
  api.route("/", taskStreamRoutes);
  api.route("/", agentRoutes);
  api.route("/", inboxStreamRoutes);
  api.route("/", realtimeTicketRoutes);
  api.route("/", categoryRoutes);
  api.route("/", operatorRoutes);
  api.route("/", operatorWorkRoutes);
  api.route("/", webhookRoutes);
  app.route(API_BASE, api);

  app.openAPIRegistry.registerComponent("securitySchemes", "AgentKey", {
    type: "http",
    scheme: "bearer",
    description: "An agent API key: `Authorization: Bearer th_agent_<64 hex>`",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "Session", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "A person's session, set by POST /auth/login or /auth/register",
  });
  registerWebhookEvents(app.openAPIRegistry);
  // The OpenAPI document, /docs, /skill.md, /skills/* and the agent manifest: public, outside
  // `authenticate` (openapi.json is in PUBLIC_API_PATHS; the rest live outside /api/v1).
  registerDiscovery(app);

  app.notFound(notFound);
  app.onError(onError);
  return app;
}
