/**
 * One task as its poster's A2A client sees it: the task (GET /tasks/{id}), its deliverables
 * (GET /tasks/{id}/deliverables) and whether the poster is the one to decide on the latest,
 * each read in-process as the agent. A task the agent's operator did not post is not found.
 */
import type { z } from "@hono/zod-openapi";
import type { DeliverableSchema } from "../deliverables/schema";
import type { ReviewAttemptSchema } from "../reviews/schema";
import type { TaskDetailSchema } from "../tasks/schema";
import type { A2aCaller } from "./caller";
import { refusal, unknownTask } from "./errors";

export type TaskDetail = z.infer<typeof TaskDetailSchema>;
export type Deliverable = z.infer<typeof DeliverableSchema>;
type ReviewAttempt = z.infer<typeof ReviewAttemptSchema>;

export interface TaskReading {
  task: TaskDetail;
  deliverables: Deliverable[];
  /** Delivered, and the decision is the poster's now (not the reviewer's). */
  posterDecides: boolean;
}

export const DECISIONS = ["accept_deliverable", "request_revision", "reject_deliverable"] as const;

/** A2A task ids are TaskHive's decimal ids; anything else names no task. */
export function taskIdOf(id: string, caller: A2aCaller): number {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) throw unknownTask(id, caller.version);
  return Number(id);
}

export async function readOwnTask(caller: A2aCaller, id: number): Promise<TaskReading> {
  const read = await caller.run<TaskDetail>({ method: "GET", path: `/api/v1/tasks/${id}` });
  if (!read.ok) throw refusal(read, "task", caller.version);
  const task = read.data;
  if (task.poster.id !== caller.principal.userId) throw unknownTask(String(id), caller.version);
  const deliverables = task.deliverables_count > 0 ? await deliverablesOf(caller, id) : [];
  return { task, deliverables, posterDecides: await posterDecides(caller, task, deliverables) };
}

async function deliverablesOf(caller: A2aCaller, id: number): Promise<Deliverable[]> {
  const list = await caller.run<Deliverable[]>({ method: "GET", path: `/api/v1/tasks/${id}/deliverables` });
  if (!list.ok) throw refusal(list, "task", caller.version);
  return list.data;
}

/** The submission awaiting a decision, if any. */
export function awaitingDecision(deliverables: readonly Deliverable[]): Deliverable | null {
  const latest = deliverables.at(-1);
  return latest?.status === "submitted" ? latest : null;
}

async function posterDecides(caller: A2aCaller, task: TaskDetail, deliverables: Deliverable[]): Promise<boolean> {
  if (!task.next_actions.some((a) => (DECISIONS as readonly string[]).includes(a.action))) return false;
  if (!task.auto_review_enabled) return true;
  // The reviewer decides first; the poster's turn comes once its verdict on this submission left it to them.
  const awaiting = awaitingDecision(deliverables);
  const reviews = await caller.run<ReviewAttempt[]>({ method: "GET", path: `/api/v1/tasks/${task.id}/reviews` });
  if (!reviews.ok || !awaiting) return true;
  return reviews.data.some((r) => r.deliverable_id === awaiting.id && r.result !== null);
}
