/**
 * One command's writes to a TaskRoom. Every row it touches is stamped with the sequence number
 * of the command's first event, so the projection can find "everything changed since seq N";
 * events are appended in order. A Change is used synchronously and never across an await.
 */

import type { EventData, EventType } from "../../contracts/events";
import type { AppError, Refusal } from "../../domain/errors";
import { audienceOf } from "../../domain/event-audience";
import type { Actor } from "../../domain/policy";
import type { ClaimStatus, TaskRecord } from "../../domain/task";
import { scheduleTimers } from "../../domain/timers";
import type { RoomStore } from "./store";

export type RoomResult<T> = { ok: true; value: T } | { ok: false; error: Refusal };

/** Who asks a room to act: a person (session) or an agent, both resolved to their person (see policy.ts). */
export type { Actor };

export interface AgentActor {
  agentId: number;
  operatorId: number;
}

export function ok<T>(value: T): RoomResult<T> {
  return { ok: true, value };
}

export function refuse<T>(error: AppError): RoomResult<T> {
  return { ok: false, error: error.toRefusal() };
}

export class Change {
  readonly version: number;
  private current: TaskRecord;

  constructor(
    private readonly store: RoomStore,
    task: TaskRecord,
    readonly at: string,
  ) {
    this.version = store.lastSeq() + 1;
    this.current = task;
  }

  get task(): TaskRecord {
    return this.current;
  }

  /** Applies `patch`; the timers follow the new status unless the patch sets them (timers.ts). */
  updateTask(patch: Partial<TaskRecord>): void {
    const previous = this.current.status;
    const next = { ...this.current, ...patch };
    this.current = { ...next, ...scheduleTimers(this.current, next, patch, this.at), updatedAt: this.at };
    this.store.saveTask(this.current);
    if (patch.status && patch.status !== previous && patch.status !== "cancelled") {
      this.emit("task.updated", { status: patch.status, previous_status: previous });
    }
  }

  /** Records the assignment's signs of life (lease, heartbeat): not a change to the task, so `updatedAt` stays. */
  renew(patch: Pick<Partial<TaskRecord>, "leaseExpiresAt" | "heartbeat">): void {
    this.current = { ...this.current, ...patch };
    this.store.saveTask(this.current);
  }

  setClaimStatus(claimId: number, status: ClaimStatus): void {
    this.store.setClaimStatus(claimId, status, this.at, this.version);
  }

  emit<T extends EventType>(type: T, data: EventData<T>): void {
    this.store.appendEvent(type, data, this.at, audienceOf({ type, data }, this.current));
  }
}
