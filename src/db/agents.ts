/**
 * Agents: registration (agent row and the operator's bonus in one batch), key rotation, and
 * profile updates. Keys are stored only as SHA-256; revoking deletes the hash.
 */
import { and, desc, eq, inArray, lt, ne } from "drizzle-orm";
import { MAX_AGENTS_PER_OPERATOR } from "../domain/constants";
import { agentErrors } from "../domain/error-catalogue";
import { agentBonus } from "../domain/ledger";
import { type Database, runBatch } from "./client";
import { nextId, transferStatements } from "./ledger";
import { accounts, agentCategories, agents, users } from "./schema";

export type AgentRow = typeof agents.$inferSelect;

/** What the agents_per_operator_limit trigger raises. */
const AGENT_LIMIT_TRIGGER = "AGENT_LIMIT_REACHED";
export type AgentPatch = Partial<
  Pick<
    AgentRow,
    | "name"
    | "description"
    | "capabilities"
    | "categoryIds"
    | "webhookUrl"
    | "hourlyRateCredits"
    | "llmProvider"
    | "llmKeyEncrypted"
    | "status"
    | "maxActiveAssignments"
  >
>;

export interface NewAgent {
  name: string;
  description: string;
  capabilities: string[];
  categoryIds: number[];
  key: { hash: string; prefix: string };
}

/**
 * Registers the agent and mints its operator's bonus in one batch. The per-operator limit is a
 * trigger inside that batch (migration 0007), so concurrent registrations cannot pass it together
 * and a refused one mints nothing.
 */
export async function registerAgent(db: Database, operatorId: number, input: NewAgent, at: string): Promise<AgentRow> {
  const id = await nextId(db, "agents");
  const row: AgentRow = {
    id,
    operatorId,
    name: input.name,
    description: input.description,
    capabilities: input.capabilities,
    categoryIds: input.categoryIds,
    hourlyRateCredits: null,
    webhookUrl: null,
    status: "active",
    reputationScore: 50,
    tasksCompleted: 0,
    leaseExpiries: 0,
    maxActiveAssignments: null,
    avgRating: null,
    apiKeyHash: input.key.hash,
    apiKeyPrefix: input.key.prefix,
    llmProvider: null,
    llmKeyEncrypted: null,
    createdAt: at,
    updatedAt: at,
  };
  try {
    await runBatch(db, [
      db.insert(agents).values(row),
      ...categoryRows(db, id, input.categoryIds),
      ...transferStatements(db, agentBonus(operatorId, id), at),
    ]);
  } catch (error) {
    if (String(error).includes(AGENT_LIMIT_TRIGGER)) throw agentErrors.limitReached(MAX_AGENTS_PER_OPERATOR);
    throw error;
  }
  return row;
}

/** The agent_categories rows of an agent, kept beside agents.category_ids in the same batch. */
function categoryRows(db: Database, agentId: number, categoryIds: readonly number[]) {
  const unique = [...new Set(categoryIds)];
  return unique.length === 0 ? [] : [db.insert(agentCategories).values(unique.map((categoryId) => ({ categoryId, agentId })))];
}

export function agentById(db: Database, id: number) {
  return db.select().from(agents).where(eq(agents.id, id)).get();
}

/** An agent, only if `operatorId` operates it. */
export function operatedAgent(db: Database, operatorId: number, id: number) {
  return db
    .select()
    .from(agents)
    .where(and(eq(agents.id, id), eq(agents.operatorId, operatorId)))
    .get();
}

export function agentsOfOperator(db: Database, operatorId: number, beforeId: number | null, limit: number) {
  const mine = eq(agents.operatorId, operatorId);
  return db
    .select()
    .from(agents)
    .where(beforeId === null ? mine : and(mine, lt(agents.id, beforeId)))
    .orderBy(desc(agents.id))
    .limit(limit + 1);
}

export async function agentIdsOf(db: Database, operatorId: number): Promise<number[]> {
  const rows = await db.select({ id: agents.id }).from(agents).where(eq(agents.operatorId, operatorId));
  return rows.map((r) => r.id);
}

const CARD = { id: agents.id, name: agents.name, reputationScore: agents.reputationScore, leaseExpiries: agents.leaseExpiries };
export type AgentCard = Pick<typeof agents.$inferSelect, keyof typeof CARD>;

/** Names, reputations and expired leases of `ids`, for lists that show who bid. */
export async function agentCards(db: Database, ids: readonly number[]): Promise<Map<number, AgentCard>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select(CARD)
    .from(agents)
    .where(inArray(agents.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function updateAgent(db: Database, id: number, patch: AgentPatch, at: string): Promise<AgentRow> {
  const update = db
    .update(agents)
    .set({ ...patch, updatedAt: at })
    .where(eq(agents.id, id))
    .returning();
  const results = patch.categoryIds
    ? await db.batch([
        update,
        db.delete(agentCategories).where(eq(agentCategories.agentId, id)),
        ...categoryRows(db, id, patch.categoryIds),
      ])
    : [await update];
  const [row] = results[0];
  if (!row) throw agentErrors.notFound(id);
  return row;
}

/** Active agents working in `categoryId`, except those of `excludeOperatorId` (the poster). */
export async function agentsInCategory(db: Database, categoryId: number, excludeOperatorId: number): Promise<number[]> {
  const rows = await db
    .select({ id: agents.id })
    .from(agentCategories)
    .innerJoin(agents, eq(agents.id, agentCategories.agentId))
    .where(and(eq(agentCategories.categoryId, categoryId), eq(agents.status, "active"), ne(agents.operatorId, excludeOperatorId)));
  return rows.map((r) => r.id);
}

export async function setApiKey(db: Database, id: number, key: { hash: string; prefix: string } | null, at: string): Promise<AgentRow> {
  const [row] = await db
    .update(agents)
    .set({ apiKeyHash: key?.hash ?? null, apiKeyPrefix: key?.prefix ?? null, updatedAt: at })
    .where(eq(agents.id, id))
    .returning();
  if (!row) throw agentErrors.notFound(id);
  return row;
}

/** The agent's operator with their credit balance. */
export async function operatorOf(db: Database, operatorId: number) {
  const row = await db
    .select({ id: users.id, name: users.name, creditBalance: accounts.balance })
    .from(users)
    .innerJoin(accounts, eq(accounts.userId, users.id))
    .where(eq(users.id, operatorId))
    .get();
  if (!row) throw new Error(`operator ${operatorId} has no account`);
  return row;
}

/** The agent a key hash belongs to, if any. */
export async function agentIdOfKey(db: Database, keyHash: string): Promise<number | null> {
  const row = await db.select({ id: agents.id }).from(agents).where(eq(agents.apiKeyHash, keyHash)).get();
  return row?.id ?? null;
}

/** What decides whether an agent's key still speaks for it (its key hash, status and operator), and how many tasks it may hold. */
export function agentIdentity(db: Database, id: number) {
  return db
    .select({
      operatorId: agents.operatorId,
      status: agents.status,
      keyHash: agents.apiKeyHash,
      maxActiveAssignments: agents.maxActiveAssignments,
    })
    .from(agents)
    .where(eq(agents.id, id))
    .get();
}

/** The agent's own sealed LLM key for reviews, when it has set both provider and key. */
export async function agentLlmKey(
  db: Database,
  id: number,
): Promise<{ provider: NonNullable<AgentRow["llmProvider"]>; sealedKey: string } | null> {
  const row = await db
    .select({ provider: agents.llmProvider, sealedKey: agents.llmKeyEncrypted })
    .from(agents)
    .where(eq(agents.id, id))
    .get();
  return row?.provider && row.sealedKey ? { provider: row.provider, sealedKey: row.sealedKey } : null;
}
