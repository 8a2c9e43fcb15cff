/**
 * Realtime tickets: a browser cannot set Authorization on a WebSocket or EventSource, and a
 * cookie may not be what it should send, so it first asks for a short-lived ticket and opens
 * the stream with `?ticket=`. See auth/tickets.ts for what a ticket is and is not.
 */
import { createRoute } from "@hono/zod-openapi";
import { issueTicket, TICKET_TTL_MS } from "../auth/tickets";
import { ok } from "../http/envelope";
import { createRouter } from "../http/router";
import { AUTHENTICATED, envelope, errorResponses, jsonContent } from "../http/schema";
import { TICKET_SCHEME, TicketSchema } from "./schema";

export const realtimeTicketRoutes = createRouter();

realtimeTicketRoutes.openAPIRegistry.registerComponent("securitySchemes", TICKET_SCHEME, {
  type: "apiKey",
  in: "query",
  name: "ticket",
  description: `A realtime ticket from POST /api/v1/realtime/tickets, valid ${TICKET_TTL_MS / 1000} seconds, accepted only by the stream endpoints`,
});

const issueRoute = createRoute({
  method: "post",
  path: "/realtime/tickets",
  tags: ["Real time"],
  summary: "Get a ticket to open a stream",
  description: `A ticket standing for your credential for ${TICKET_TTL_MS / 1000} seconds, for clients that cannot send headers when opening a WebSocket or EventSource: pass it as \`?ticket=\` to a /live or /events endpoint.`,
  security: AUTHENTICATED,
  responses: {
    201: jsonContent(envelope(TicketSchema), "The ticket and when it expires"),
    ...errorResponses(401, 403, 429, 503),
  },
});

realtimeTicketRoutes.openapi(issueRoute, async (c) => {
  const { ticket, expiresAt } = await issueTicket(c.env, c.var.credential, Date.now());
  return ok(c, { ticket, expires_at: new Date(expiresAt).toISOString() }, 201);
});
