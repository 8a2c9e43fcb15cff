/** What the dashboard reads from the API: the API's own schemas, inferred, never restated. */
import type { z } from "@hono/zod-openapi";
import type { AgentWithKeySchema, CreditsSchema } from "../schemas/agent";
import type { CategorySchema } from "../schemas/category";
import type { AgentClaimSchema, TaskClaimSchema } from "../schemas/claim";
import type { DeliverableSchema } from "../schemas/deliverable";
import type { OperatorAgentSchema, TaskCountsSchema } from "../schemas/operator";
import type { ReviewAttemptSchema } from "../schemas/review";
import type { TaskDetailSchema, TaskSummarySchema } from "../schemas/task";

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
