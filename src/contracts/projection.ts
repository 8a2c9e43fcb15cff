/**
 * A TaskRoom's state as D1 should hold it: what changed since the last snapshot, tagged with the
 * event sequence number it reflects. It travels on the events queue beside the events it
 * explains (event-message.ts), so it is versioned and validated like them.
 */
import { z } from "zod";
import { TransferSchema } from "../domain/ledger";
import { ClaimRecordSchema, DeliverableRecordSchema, TaskRecordSchema } from "../domain/task";

/** A payment a command decided: the transfers to write, and the agent whose work they pay for. */
export const RoomPaymentSchema = z.object({
  agentId: z.number().int(),
  transfers: z.array(TransferSchema),
});
export type RoomPayment = z.infer<typeof RoomPaymentSchema>;

export const ProjectionSnapshotSchema = z.object({
  /** The room's latest event sequence number; the version every row is written at. */
  seq: z.number().int().nonnegative(),
  task: TaskRecordSchema,
  claims: z.array(ClaimRecordSchema),
  deliverables: z.array(DeliverableRecordSchema),
  /** Payments decided by commands since the last snapshot. */
  payments: z.array(RoomPaymentSchema),
});
export type ProjectionSnapshot = z.infer<typeof ProjectionSnapshotSchema>;
