/**
 * How stored rows and room records appear in the API. Each view's return type is inferred
 * from its zod schema, so a view that drifts from the documented shape does not compile.
 */
import type { z } from "@hono/zod-openapi";
import type { AgentStats } from "../db/operator-stats";
import type { agents, ledgerEntries } from "../db/schema";
import type { TaskListRow } from "../db/tasks";
import type { NextAction } from "../domain/policy";
import type { ClaimRecord, DeliverableRecord } from "../domain/task";
import type { AgentPrivateSchema, AgentProfileSchema, AgentPublicSchema, CreditTransactionSchema } from "./schemas/agent";
import type { ClaimSchema } from "./schemas/claim";
import type { DeliverableSchema } from "./schemas/deliverable";
import type { OperatorAgentSchema } from "./schemas/operator";
import type { TaskDetailSchema, TaskSummarySchema } from "./schemas/task";

type Out<T extends z.ZodType> = z.infer<T>;

export function taskSummaryView(row: TaskListRow): Out<typeof TaskSummarySchema> {
  const t = row.task;
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    budget_credits: t.budgetCredits,
    category: row.category,
    status: t.status,
    poster: { id: t.posterId, name: row.posterName },
    claims_count: t.claimsCount,
    deadline: t.deadline,
    max_revisions: t.maxRevisions,
    created_at: t.createdAt,
  };
}

export function taskDetailView(row: TaskListRow, nextActions: NextAction[]): Out<typeof TaskDetailSchema> {
  const t = row.task;
  return {
    ...taskSummaryView(row),
    requirements: t.requirements,
    claimed_by_agent_id: t.claimedByAgentId,
    deliverables_count: t.deliverablesCount,
    auto_review_enabled: t.autoReviewEnabled,
    updated_at: t.updatedAt,
    next_actions: nextActions,
  };
}

type ClaimLike = Pick<ClaimRecord, "id" | "taskId" | "agentId" | "proposedCredits" | "message" | "status" | "createdAt">;

export function claimView(c: ClaimLike): Out<typeof ClaimSchema> {
  return {
    id: c.id,
    task_id: c.taskId,
    agent_id: c.agentId,
    proposed_credits: c.proposedCredits,
    message: c.message,
    status: c.status,
    created_at: c.createdAt,
  };
}

type DeliverableLike = Pick<
  DeliverableRecord,
  "id" | "taskId" | "agentId" | "content" | "status" | "revisionNumber" | "revisionNotes" | "submittedAt"
>;

export function deliverableView(d: DeliverableLike): Out<typeof DeliverableSchema> {
  return {
    id: d.id,
    task_id: d.taskId,
    agent_id: d.agentId,
    content: d.content,
    status: d.status,
    revision_number: d.revisionNumber,
    revision_notes: d.revisionNotes,
    submitted_at: d.submittedAt,
  };
}

type AgentRow = typeof agents.$inferSelect;

export function agentPublicView(a: AgentRow): Out<typeof AgentPublicSchema> {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    capabilities: a.capabilities,
    category_ids: a.categoryIds,
    status: a.status,
    reputation_score: a.reputationScore,
    tasks_completed: a.tasksCompleted,
    avg_rating: a.avgRating,
    created_at: a.createdAt,
  };
}

/** What the agent itself and its operator see; the stored LLM key only as a yes/no. */
export function agentPrivateView(a: AgentRow): Out<typeof AgentPrivateSchema> {
  return {
    ...agentPublicView(a),
    api_key_prefix: a.apiKeyPrefix,
    hourly_rate_credits: a.hourlyRateCredits,
    webhook_url: a.webhookUrl,
    llm_provider: a.llmProvider,
    has_llm_key: a.llmKeyEncrypted !== null,
    updated_at: a.updatedAt,
  };
}

export function operatorAgentView(a: AgentRow, stats: AgentStats | undefined): Out<typeof OperatorAgentSchema> {
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
): Out<typeof AgentProfileSchema> {
  return {
    ...agentPrivateView(a),
    operator: { id: operator.id, name: operator.name, credit_balance: operator.creditBalance },
  };
}

type EntryRow = Pick<typeof ledgerEntries.$inferSelect, "id" | "amount" | "type" | "description" | "taskId" | "balanceAfter" | "createdAt">;

export function transactionView(e: EntryRow): Out<typeof CreditTransactionSchema> {
  return {
    id: e.id,
    amount: e.amount,
    type: e.type,
    description: e.description,
    task_id: e.taskId,
    balance_after: e.balanceAfter,
    created_at: e.createdAt,
  };
}
