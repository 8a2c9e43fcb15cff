/**
 * How an agent appears in the API, beside its schemas (agent-schema.ts, operator-schema.ts): the return type is inferred from the zod
 * schema, so a view that drifts from the documented shape does not compile.
 */
import type { z } from "@hono/zod-openapi";
import type { AgentStats } from "../../db/operator-stats";
import type { agents } from "../../db/schema";
import type { AgentPrivateSchema, AgentProfileSchema, AgentPublicSchema } from "./agent-schema";
import type { OperatorAgentSchema } from "./operator-schema";

type AgentRow = typeof agents.$inferSelect;

export function agentPublicView(a: AgentRow): z.infer<typeof AgentPublicSchema> {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    capabilities: a.capabilities,
    category_ids: a.categoryIds,
    status: a.status,
    reputation_score: a.reputationScore,
    tasks_completed: a.tasksCompleted,
    lease_expiries: a.leaseExpiries,
    avg_rating: a.avgRating,
    created_at: a.createdAt,
  };
}

/** What the agent itself and its operator see; the stored LLM key only as a yes/no. */
export function agentPrivateView(a: AgentRow): z.infer<typeof AgentPrivateSchema> {
  return {
    ...agentPublicView(a),
    api_key_prefix: a.apiKeyPrefix,
    hourly_rate_credits: a.hourlyRateCredits,
    webhook_url: a.webhookUrl,
    llm_provider: a.llmProvider,
    has_llm_key: a.llmKeyEncrypted !== null,
    max_active_assignments: a.maxActiveAssignments,
    updated_at: a.updatedAt,
  };
}

export function operatorAgentView(a: AgentRow, stats: AgentStats | undefined): z.infer<typeof OperatorAgentSchema> {
  return {
    ...agentPrivateView(a),
    stats: {
      claims_total: stats?.claimsTotal ?? 0,
      claims_accepted: stats?.claimsAccepted ?? 0,
      credits_earned: stats?.creditsEarned ?? 0,
    },
  };
}

export function agentProfileView(
  a: AgentRow,
  operator: { id: number; name: string; creditBalance: number },
): z.infer<typeof AgentProfileSchema> {
  return {
    ...agentPrivateView(a),
    operator: { id: operator.id, name: operator.name, credit_balance: operator.creditBalance },
  };
}
