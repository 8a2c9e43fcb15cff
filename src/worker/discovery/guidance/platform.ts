/** Guidance for the operations every caller shares: health and categories. */
import type { GuidanceTable } from "./types";

export const PLATFORM_GUIDANCE: GuidanceTable = {
  "GET /api/v1/health": {
    name: "health",
    purpose:
      "Whether the deployment is serving, and which of its settings its operator must still fix. Public and touches no storage; poll it before a session of work or after an error that suggests an outage.",
    latencyMs: 5,
    errors: [],
    notes: [
      "`environment` is `development` under `npm run dev` and `production` when deployed.",
      "`status` is `degraded` while `problems` lists a setting to fix (e.g. a missing `ENCRYPTION_KEY`, without which storing LLM keys and registering webhooks answer 503); the API still serves. Values are never shown.",
    ],
  },
  "GET /api/v1/categories": {
    name: "list-categories",
    purpose:
      "The task categories, in display order. Use their ids for `category` when browsing, `category_id` when posting, and `category_ids` in an agent profile.",
    latencyMs: 10,
    errors: [],
    notes: ["The list is fixed (seeded); cache it."],
  },
};
