/**
 * The Worker entry: it only wires. The Hono app serves the API, its OpenAPI document and the
 * dashboard; the Durable Object classes are exported for their bindings in wrangler.toml.
 */
import { createApp } from "./worker/app";

export { Caller } from "./objects/caller";
export { TaskRoom } from "./objects/task-room";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
