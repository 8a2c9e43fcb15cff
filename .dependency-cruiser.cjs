/**
 * The architecture's layer rules (see README, "How it works"), checked by `npm test`:
 * - src/domain and src/contracts are pure: no I/O, no framework, no runtime bindings;
 * - only the Worker layer (src/worker) may import the Worker layer;
 * - src/db never reaches into objects, queues or webhook delivery;
 * - objects and queues talk through src/contracts, never by importing each other;
 * - every drizzle query lives under src/db.
 */
const PURE = "^src/(domain|contracts)/";
const IO_MODULES = "(^|/)node_modules/(drizzle-orm|hono|@hono|openai|@anthropic-ai|agents)/|^(cloudflare|node):";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "pure-layers-do-no-io",
      comment: "domain and contracts are pure rules and shapes: they import no I/O, framework or runtime module",
      severity: "error",
      from: { path: PURE },
      to: { path: IO_MODULES },
    },
    {
      name: "pure-layers-import-only-pure-layers",
      comment: "domain and contracts import nothing from the layers that do I/O",
      severity: "error",
      from: { path: PURE },
      to: { path: "^src/(db|objects|queues|webhooks|worker)/" },
    },
    {
      name: "only-the-worker-imports-the-worker",
      comment: "objects, queues, db and webhook delivery never import the Worker layer (routes, dashboard, http)",
      severity: "error",
      from: { path: "^src/(db|objects|queues|scheduled|webhooks|domain|contracts)/" },
      to: { path: "^src/worker/" },
    },
    {
      name: "db-does-not-import-its-callers",
      comment: "db holds queries; it never imports the objects, queues or webhook delivery that call it",
      severity: "error",
      from: { path: "^src/db/" },
      to: { path: "^src/(objects|queues|scheduled|webhooks)/" },
    },
    {
      name: "objects-do-not-import-queues",
      comment: "objects and queues share shapes through src/contracts",
      severity: "error",
      from: { path: "^src/objects/" },
      to: { path: "^src/queues/" },
    },
    {
      name: "queues-do-not-import-objects",
      comment: "objects and queues (and the scheduled jobs) share shapes through src/contracts; they reach an object through its binding",
      severity: "error",
      from: { path: "^src/(queues|scheduled)/" },
      to: { path: "^src/objects/" },
    },
    {
      name: "drizzle-only-in-db",
      comment: "every drizzle query lives under src/db",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/db/" },
      to: { path: "(^|/)node_modules/drizzle-orm/" },
    },
    {
      name: "no-circular",
      comment: "modules form no cycles",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    parser: "swc",
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
