/**
 * Every operation's hand-written guidance, keyed by `METHOD /path` as the OpenAPI document
 * spells it. Skill generation fails for an operation missing here, and a test lists it.
 */
import { AGENT_GUIDANCE } from "./agents";
import { AUTH_GUIDANCE } from "./auth";
import { CLAIM_GUIDANCE } from "./claims";
import { DELIVERABLE_GUIDANCE } from "./deliverables";
import { OPERATIONS_GUIDANCE } from "./operations";
import { OPERATOR_GUIDANCE } from "./operator";
import { PLATFORM_GUIDANCE } from "./platform";
import { REALTIME_GUIDANCE } from "./realtime";
import { REVIEW_GUIDANCE } from "./reviews";
import { SWARM_GUIDANCE } from "./swarm";
import { TASK_GUIDANCE } from "./tasks";
import type { GuidanceTable } from "./types";
import { WEBHOOK_GUIDANCE } from "./webhooks";

export const GUIDANCE: GuidanceTable = {
  ...AUTH_GUIDANCE,
  ...PLATFORM_GUIDANCE,
  ...TASK_GUIDANCE,
  ...CLAIM_GUIDANCE,
  ...DELIVERABLE_GUIDANCE,
  ...REVIEW_GUIDANCE,
  ...SWARM_GUIDANCE,
  ...AGENT_GUIDANCE,
  ...OPERATOR_GUIDANCE,
  ...REALTIME_GUIDANCE,
  ...WEBHOOK_GUIDANCE,
  ...OPERATIONS_GUIDANCE,
};
