/**
 * The Worker entry: it only wires. The Hono app serves the API, its OpenAPI document, the
 * dashboard and the MCP server; the queue handler runs the consumers; the scheduled handler runs the reconciler;
 * the Durable Object classes are exported for their bindings in wrangler.toml.
 */

import { dispatchQueue } from "./queues/dispatch";
import { reconcileRooms } from "./scheduled/reconciler";
import { registerA2a } from "./worker/a2a";
import { registerDashboard } from "./worker/dashboard";
import { registerDocsAssets } from "./worker/discovery/docs-assets";
import { createApp } from "./worker/http/app";
import { registerMcp } from "./worker/mcp";

export { AgentInbox } from "./objects/agent-inbox";
export { Caller } from "./objects/caller";
export { TaskRoom } from "./objects/task-room";

const app = createApp();
registerDocsAssets(app);
registerDashboard(app);
registerMcp(app);
registerA2a(app);

export default {
  fetch: app.fetch,
  queue: dispatchQueue,
  // The only Cron Trigger (wrangler.toml): the reconciler.
  scheduled: (controller, env, ctx) => ctx.waitUntil(reconcileRooms(env, new Date(controller.scheduledTime))),
} satisfies ExportedHandler<Env, unknown>;
