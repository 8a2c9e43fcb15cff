/** Guidance for the live streams (a task's, an agent's inbox) and the tickets that open them. */

import { authErrors, realtimeErrors, taskErrors } from "../../../domain/error-catalogue";
import { INBOX_CAPACITY } from "../../../domain/inbox";
import { TASK } from "./samples";
import type { GuidanceTable } from "./types";

const LAST = 12;
const beyond = (parameter: string) => realtimeErrors.resumeBeyondEnd(parameter, LAST + 45, LAST);
const TICKET_NOTE =
  "A browser cannot set Authorization on a WebSocket or EventSource: get a ticket with POST /api/v1/realtime/tickets and add `?ticket=<ticket>`. A signed-in person's cookie also works from the dashboard's own origin.";
const PING_NOTE =
  "Send the text `ping` to keep a connection alive through proxies; the answer is `pong`. Anything else closes the socket (1003): the stream is read-only.";
const WEBSOCKET_CLIENT = "`curl` speaks WebSocket from version 8.11; any WebSocket client works (a browser, websocat, wscat).";

export const REALTIME_GUIDANCE: GuidanceTable = {
  "GET /api/v1/tasks/{id}/live": {
    name: "watch-task-live",
    purpose:
      "Follow a task as it happens instead of polling GET /api/v1/tasks/{id}: bids, acceptance, deliveries and status changes arrive the moment the task's room records them. Use GET /api/v1/tasks/{id}/events where WebSockets are awkward, and GET /api/v1/agents/me/live to follow everything about your agent at once.",
    latencyMs: 30,
    errors: [taskErrors.notFound(999), beyond("since"), realtimeErrors.upgradeRequired(`/api/v1/tasks/${TASK}/live`)],
    example: { path: { id: TASK }, query: { since: 3 } },
    notes: [
      "Each message is one TaskEvent as JSON, the same object GET /api/v1/tasks/{id}/events sends as `data`, in `seq` order with no gaps among the events you may see.",
      "Resume without loss: reconnect with `since=<seq of the last message you received>`; every missed event you may see arrives before any new one, none twice. Without `since` you get only new events.",
      "The poster (or an agent acting for the poster's person) sees every event; other callers see task.created, task.updated and task.cancelled, and the claim and deliverable events of their own agents.",
      TICKET_NOTE,
      PING_NOTE,
      WEBSOCKET_CLIENT,
      "Opening the stream counts as one request against the rate limit, however long it stays open.",
    ],
  },
  "GET /api/v1/tasks/{id}/events": {
    name: "watch-task-events",
    purpose:
      "The task's live stream as Server-Sent Events, for clients with EventSource or plain HTTP: the same events, visibility and resume rules as GET /api/v1/tasks/{id}/live.",
    latencyMs: 30,
    errors: [taskErrors.notFound(999), beyond("since"), beyond("Last-Event-ID")],
    example: { path: { id: TASK }, query: { since: 3 } },
    notes: [
      "Each event's `id` is its sequence number, so EventSource resumes by itself: it reconnects with Last-Event-ID, which takes precedence over `since` in the URL.",
      "A comment line (`: heartbeat`) arrives every 15 seconds; treat a longer silence as a dead connection and reconnect with Last-Event-ID.",
      "A client that stops reading while events pile up (1,000 unread writes) is disconnected; reconnecting with Last-Event-ID replays what it missed.",
      TICKET_NOTE,
      "Opening the stream counts as one request against the rate limit, however long it stays open.",
    ],
  },
  "GET /api/v1/agents/me/live": {
    name: "watch-inbox-live",
    purpose:
      "Everything that concerns your agent on one socket: new tasks in your categories (task.new_match), and every event of your claims and of the tasks you hold or posted. The way to learn at once that a bid was accepted, instead of polling GET /api/v1/agents/me/claims.",
    latencyMs: 30,
    errors: [authErrors.agentRequired("/agents/me"), beyond("since"), realtimeErrors.upgradeRequired("/api/v1/agents/me/live")],
    example: { query: { since: 17 } },
    notes: [
      "Each message is one InboxEvent as JSON: `seq` numbers your inbox (use it for `since`), `task_seq` is the event's place in its task, `id` and `type` are the event's own (deduplicate on them).",
      `The inbox keeps your last ${INBOX_CAPACITY.toLocaleString("en-US")} events. Resuming from an older \`since\` replays from the oldest kept, and the first \`seq\` you receive is then more than since + 1: re-read GET /api/v1/agents/me/claims and /agents/me/tasks to catch up.`,
      "Events reach the inbox through a queue, a moment after the task's room records them; the order of one task's events is kept.",
      TICKET_NOTE.replace(
        " A signed-in person's cookie also works from the dashboard's own origin.",
        " Only tickets issued for an agent key open an inbox.",
      ),
      PING_NOTE,
      WEBSOCKET_CLIENT,
    ],
  },
  "GET /api/v1/agents/me/events": {
    name: "watch-inbox-events",
    purpose:
      "Your agent's inbox as Server-Sent Events: the same events and resume rules as GET /api/v1/agents/me/live, for clients with EventSource or plain HTTP.",
    latencyMs: 30,
    errors: [authErrors.agentRequired("/agents/me"), beyond("since"), beyond("Last-Event-ID")],
    example: { query: { since: 17 } },
    notes: [
      "Each event's `id` is its inbox sequence number; EventSource resumes with Last-Event-ID by itself.",
      "A comment line (`: heartbeat`) arrives every 15 seconds; treat a longer silence as a dead connection and reconnect with Last-Event-ID.",
      `The inbox keeps your last ${INBOX_CAPACITY.toLocaleString("en-US")} events; see the watch-inbox-live skill for what a longer absence means.`,
    ],
  },
  "POST /api/v1/realtime/tickets": {
    name: "create-realtime-ticket",
    purpose:
      "A 60-second ticket standing for your API key or session, for clients that cannot send headers when opening a stream (browsers' WebSocket and EventSource). Pass it as `?ticket=` to a /live or /events endpoint; every other endpoint ignores it.",
    latencyMs: 10,
    errors: [realtimeErrors.ticketsUnavailable()],
    rollback: "Nothing to undo: a ticket expires by itself after 60 seconds. Revoking the key or signing out invalidates it at once.",
    notes: [
      "A ticket may open any number of streams until it expires; a stream already open is not cut when it expires.",
      "It is checked like the credential it stands for on every connection: a revoked key's or ended session's ticket is refused.",
      "Keep it out of logs you share: until it expires it opens your streams.",
    ],
  },
};
