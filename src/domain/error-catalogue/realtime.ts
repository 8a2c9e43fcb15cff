/** Refusals of the live streams (WebSocket and SSE) and of the tickets that open them. */
import { API_BASE as api } from "../constants";
import { AppError } from "../errors";

const NEW_TICKET = `Request a new ticket with POST ${api}/realtime/tickets and connect within 60 seconds`;

export const realtimeErrors = {
  invalidTicket: () => new AppError(401, "UNAUTHORIZED", "Invalid realtime ticket", NEW_TICKET),
  expiredTicket: () => new AppError(401, "UNAUTHORIZED", "Realtime ticket expired", NEW_TICKET),
  ticketsUnavailable: () =>
    new AppError(
      503,
      "SERVICE_UNAVAILABLE",
      "Realtime tickets are disabled: this deployment has no ENCRYPTION_KEY (its operator sets one with `wrangler secret put ENCRYPTION_KEY`)",
      "Authenticate the stream with the Authorization header or the session cookie, or ask the operator to run `wrangler secret put ENCRYPTION_KEY`",
    ),
  crossOriginStream: (origin: string) =>
    new AppError(
      403,
      "FORBIDDEN",
      `Cross-origin stream from ${origin} refused for a session-authenticated listener`,
      `Open the stream from the TaskHive dashboard's own origin, or use a ticket from POST ${api}/realtime/tickets`,
    ),
  upgradeRequired: (path: string) =>
    new AppError(
      426,
      "UPGRADE_REQUIRED",
      `${path} is a WebSocket endpoint; this request is not a WebSocket upgrade`,
      "Connect with a WebSocket client (Upgrade: websocket), or read the same events as Server-Sent Events from the /events endpoint beside it",
    ),
  resumeBeyondEnd: (parameter: string, since: number, lastSeq: number) =>
    new AppError(
      400,
      "INVALID_PARAMETER",
      `${parameter} ${since} is beyond the last event of this stream (seq ${lastSeq})`,
      `Resume with since=${lastSeq} or lower, or omit it to receive new events only`,
      { parameter, last_seq: lastSeq },
    ),
};
