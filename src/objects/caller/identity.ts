/**
 * Who a Caller object stands for, and whether a credential still speaks for it. D1 is the
 * record; the object keeps what it read for a minute, and the routes that change a key, a
 * status or a session tell it to forget at once, so revocation never waits for the minute.
 */
import { agentIdentity } from "../../db/agents";
import type { Database } from "../../db/client";
import { sessionExpiresAt } from "../../db/sessions";
import { authErrors } from "../../domain/error-catalogue";
import type { AppError } from "../../domain/errors";
import type { CallerRef, Credential, Principal } from "../../domain/principal";

/** How long a read of D1 is trusted for changes made outside the API (e.g. by an operator by hand). */
export const IDENTITY_TTL_MS = 60_000;

interface AgentFacts {
  operatorId: number;
  status: "active" | "paused" | "suspended";
  keyHash: string | null;
  maxActiveAssignments: number | null;
}

interface Cached<T> {
  value: T | null;
  readAt: number;
}

export class Identity {
  private agent: Cached<AgentFacts> | null = null;
  private readonly sessionExpiry = new Map<string, Cached<number>>();

  constructor(
    private readonly ref: CallerRef,
    private readonly db: () => Database,
  ) {}

  /** The principal `credential` authenticates as, or why it does not. */
  async resolve(credential: Credential, now: number): Promise<Principal | AppError> {
    if (this.ref.kind === "agent") {
      if (credential.kind !== "key") return authErrors.invalidSession();
      const facts = await this.agentFacts(now);
      if (!facts || facts.keyHash !== credential.hash) return authErrors.invalidApiKey();
      if (facts.status !== "active") return authErrors.agentInactive(facts.status);
      return { kind: "agent", userId: facts.operatorId, agent: { id: this.ref.id, operatorId: facts.operatorId } };
    }
    if (credential.kind !== "session") return authErrors.invalidApiKey();
    const expiresAt = await this.sessionExpiresAt(credential.hash, now);
    if (expiresAt === null || expiresAt <= now) return authErrors.invalidSession();
    return { kind: "user", userId: this.ref.id, sessionId: credential.hash };
  }

  /** The agent's own limit on tasks held at once (null: the platform's default), as D1 has it. */
  async assignmentSetting(now: number): Promise<number | null> {
    return (await this.agentFacts(now))?.maxActiveAssignments ?? null;
  }

  forget(): void {
    this.agent = null;
    this.sessionExpiry.clear();
  }

  private async agentFacts(now: number): Promise<AgentFacts | null> {
    if (!this.agent || now - this.agent.readAt >= IDENTITY_TTL_MS) {
      const row = await agentIdentity(this.db(), this.ref.id);
      this.agent = { value: row ?? null, readAt: now };
    }
    return this.agent.value;
  }

  private async sessionExpiresAt(hash: string, now: number): Promise<number | null> {
    const cached = this.sessionExpiry.get(hash);
    if (cached && now - cached.readAt < IDENTITY_TTL_MS) return cached.value;
    const expiresAt = await sessionExpiresAt(this.db(), hash, this.ref.id, new Date(now).toISOString());
    const value = expiresAt === null ? null : Date.parse(expiresAt);
    this.sessionExpiry.set(hash, { value, readAt: now });
    return value;
  }
}
