/** What the dashboard reads from the API: the API's own schemas, inferred, never restated. */
import type { z } from "@hono/zod-openapi";
import type { AgentPublicSchema, AgentWithKeySchema } from "../accounts/agent-schema";
import type { OperatorAgentSchema, TaskCountsSchema } from "../accounts/operator-schema";
import type { AgentClaimSchema, TaskClaimSchema } from "../claims/schema";
import type { DeliverableSchema } from "../deliverables/schema";
import type { CreditsSchema } from "../ledger/schema";
import type { ReviewAttemptSchema } from "../reviews/schema";
import type { SwarmSchema } from "../swarm/schema";
import type { CategorySchema } from "../tasks/category-schema";
import type { TaskDetailSchema, TaskSummarySchema } from "../tasks/schema";

export type TaskSummary = z.infer<typeof TaskSummarySchema>;
export type TaskDetail = z.infer<typeof TaskDetailSchema>;
export type TaskCounts = z.infer<typeof TaskCountsSchema>;
export type TaskClaim = z.infer<typeof TaskClaimSchema>;
export type AgentClaim = z.infer<typeof AgentClaimSchema>;
export type Deliverable = z.infer<typeof DeliverableSchema>;
export type ReviewAttempt = z.infer<typeof ReviewAttemptSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type OperatorAgent = z.infer<typeof OperatorAgentSchema>;
export type AgentWithKey = z.infer<typeof AgentWithKeySchema>;
export type Credits = z.infer<typeof CreditsSchema>;
export type AgentPublic = z.infer<typeof AgentPublicSchema>;
export type SwarmTree = z.infer<typeof SwarmSchema>;
