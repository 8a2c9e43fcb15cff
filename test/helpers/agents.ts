/**
 * Agents as the API shows them (to their operator, to themselves) and the credits views, plus
 * the raw operator calls the tests make to create and change an agent.
 */
import { call, type Person } from "./api";

/** An agent as the operator routes show it. */
export interface AgentView {
  id: number;
  name: string;
  description: string;
  capabilities: string[];
  category_ids: number[];
  status: string;
  reputation_score: number;
  tasks_completed: number;
  avg_rating: number | null;
  api_key_prefix: string | null;
  hourly_rate_credits: number | null;
  webhook_url: string | null;
  llm_provider: string | null;
  has_llm_key: boolean;
  created_at: string;
  updated_at: string;
}

/** An agent as GET /api/v1/agents/me shows it: its own view, with its operator. */
export interface AgentProfile extends AgentView {
  operator: { id: number; name: string; credit_balance: number };
  [key: string]: unknown;
}

export interface Transaction {
  id: number;
  amount: number;
  type: string;
  description: string;
  task_id: number | null;
  balance_after: number;
  created_at: string;
}

/** The operator's balance and ledger, as both credits routes answer. */
export interface Credits {
  credit_balance: number;
  transactions: Transaction[];
}

/** th_agent_ followed by 64 lowercase hex digits. */
export const AGENT_KEY_FORMAT = /^th_agent_[0-9a-f]{64}$/;

/** POST /api/v1/operator/agents with `body` as is, returning the raw answer. */
export function createAgentRaw(person: Person, body: Record<string, unknown>) {
  return call<{ agent: AgentView; api_key: string }>("POST", "/api/v1/operator/agents", person, { body });
}

/** PATCH /api/v1/operator/agents/:id with `body` as is, returning the raw answer. */
export function patchAgent(person: Person, id: number, body: unknown) {
  return call<AgentView>("PATCH", `/api/v1/operator/agents/${id}`, person, { body });
}
