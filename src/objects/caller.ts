/**
 * Caller: one Durable Object per principal (`agent:<id>` or `user:<id>`), consulted once per
 * authenticated request. It decides, in one serialised step, whether the credential still
 * speaks for the principal, whether the request fits the rate limit (an exact window, the same
 * for every Worker instance), and what an Idempotency-Key means for it. Idempotency records live
 * 24 hours; an alarm purges them.
 *
 * Called by the Worker's `admit` middleware; the operator and auth routes call `forget` after
 * changing a key, a status or a session in D1.
 */
import { DurableObject } from "cloudflare:workers";
import { database } from "../db/client";
import { assignmentLimit, decideSlot } from "../domain/assignments";
import { claimErrors, limitErrors } from "../domain/error-catalogue";
import { AppError, type Refusal } from "../domain/errors";
import {
  decideIdempotency,
  IDEMPOTENCY_TTL_MS,
  type IdempotencyDecision,
  isReplayable,
  type RequestFingerprint,
  type StoredResponse,
} from "../domain/idempotency";
import { type Credential, type Principal, parseCallerName } from "../domain/principal";
import { countRequest, DEFAULT_RATE_LIMIT_PER_MINUTE, type RateDecision, type Unspent } from "../domain/rate-limit";
import { Identity } from "./caller/identity";
import { CallerStore } from "./caller/store";

export interface AdmitRequest {
  credential: Credential;
  idempotency: { key: string; fingerprint: RequestFingerprint } | null;
  /** Requests the asking Worker instance would admit by itself (domain/rate-lease.ts). */
  lease?: { ahead: number; unspent: Unspent | null };
}

export type Admission =
  | { ok: true; principal: Principal; rate: RateDecision; idempotency: IdempotencyDecision | null }
  | { ok: false; error: Refusal; rate: RateDecision | null };

export class Caller extends DurableObject<Env> {
  private readonly store: CallerStore;
  private readonly identity: Identity;
  private purgeArmed = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new CallerStore(ctx.storage);
    this.identity = new Identity(parseCallerName(ctx.id.name), () => database(env.DB));
  }

  async admit(request: AdmitRequest): Promise<Admission> {
    const resolved = await this.identity.resolve(request.credential, Date.now());
    if (resolved instanceof AppError) return { ok: false, error: resolved.toRefusal(), rate: null };
    // Synchronous from here to the end: the window and the idempotency record are read,
    // decided on and written without another request slipping in between.
    const now = Date.now();
    // A request under an Idempotency-Key is decided here, one at a time: it takes no lease.
    const lease = request.idempotency ? null : (request.lease ?? null);
    const rate = countRequest(this.store.rateWindow(), now, this.limit(), lease?.ahead ?? 0, request.lease?.unspent ?? null);
    if (!rate.admitted) return { ok: false, error: limitErrors.rateLimited(rate.limit, rate.retryAfter).toRefusal(), rate };
    this.store.saveRateWindow(rate.window, rate.persist);
    if (!request.idempotency) return { ok: true, principal: resolved, rate, idempotency: null };

    const { key, fingerprint } = request.idempotency;
    const decision = decideIdempotency(this.store.idempotency(key), fingerprint, now);
    if (decision.kind === "mismatch") {
      const { method, path } = decision.original;
      return { ok: false, error: limitErrors.idempotencyMismatch(method, path).toRefusal(), rate };
    }
    if (decision.kind === "in_flight") return { ok: false, error: limitErrors.idempotencyInFlight().toRefusal(), rate };
    if (decision.kind === "proceed") {
      this.store.startIdempotency(key, fingerprint, now, now + IDEMPOTENCY_TTL_MS);
      this.armPurge(now + IDEMPOTENCY_TTL_MS);
    }
    return { ok: true, principal: resolved, rate, idempotency: decision };
  }

  /**
   * Whether `credential` still speaks for this principal, without counting a request: for a
   * protocol's front door (/mcp), whose operations are each admitted and counted on their own.
   */
  async verify(credential: Credential): Promise<{ ok: true; principal: Principal } | { ok: false; error: Refusal }> {
    const resolved = await this.identity.resolve(credential, Date.now());
    return resolved instanceof AppError ? { ok: false, error: resolved.toRefusal() } : { ok: true, principal: resolved };
  }

  /** Records how the request under `key` ended; a server failure leaves no record behind. */
  finish(key: string, response: StoredResponse): void {
    if (isReplayable(response.status)) this.store.finishIdempotency(key, response);
    else this.store.dropIdempotency(key);
  }

  /**
   * Takes a slot for the agent's claim on `taskId`, unless it already holds its limit of tasks:
   * called by the task's room before it accepts the claim. Decided in one synchronous step, so
   * concurrent accepts for one agent on many tasks never pass the limit together.
   */
  async acquireSlot(taskId: number, claimId: number): Promise<{ granted: true } | { granted: false; error: Refusal }> {
    const setting = await this.identity.assignmentSetting(Date.now());
    const limit = assignmentLimit(setting, this.env.MAX_ACTIVE_ASSIGNMENTS);
    const slots = this.store.slots();
    const decision = decideSlot(slots, taskId, limit);
    if (!decision.granted) return { granted: false, error: claimErrors.assignmentLimit(this.agentId(), decision.limit).toRefusal() };
    if (slots.get(taskId) !== claimId) this.store.saveSlots(new Map(slots).set(taskId, claimId));
    return { granted: true };
  }

  /** Gives back the slot for `taskId` (only if taken for `claimId`, when named). Idempotent. */
  releaseSlot(taskId: number, claimId: number | null): void {
    const slots = this.store.slots();
    const held = slots.get(taskId);
    if (held === undefined || (claimId !== null && held !== claimId)) return;
    const next = new Map(slots);
    next.delete(taskId);
    this.store.saveSlots(next);
  }

  /** The tasks this agent holds a slot for. */
  heldSlots(): number[] {
    return [...this.store.slots().keys()];
  }

  /** Drops what this object read from D1; the next request reads it afresh. */
  forget(): void {
    this.identity.forget();
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    this.store.purgeExpired(now);
    const next = this.store.nextExpiry();
    this.purgeArmed = next !== null;
    if (next !== null) await this.ctx.storage.setAlarm(Math.max(next, now + 1));
  }

  private armPurge(at: number): void {
    if (this.purgeArmed) return;
    this.purgeArmed = true;
    this.ctx.storage.setAlarm(at).catch((error: unknown) => {
      this.purgeArmed = false;
      console.error(JSON.stringify({ at: "caller.armPurge", error: String(error) }));
    });
  }

  private agentId(): number {
    const ref = parseCallerName(this.ctx.id.name);
    if (ref.kind !== "agent") throw new Error(`only an agent's Caller holds assignment slots, not ${this.ctx.id.name}`);
    return ref.id;
  }

  private limit(): number {
    const configured = Number(this.env.RATE_LIMIT_PER_MINUTE);
    return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_RATE_LIMIT_PER_MINUTE;
  }
}
