/** Shapes of the platform operators' endpoints: dead letters and the reconciler's runs. */
import { z } from "@hono/zod-openapi";
import { PaginationQuery, Timestamp } from "../http/schema";

const QUEUES = [
  "taskhive-events",
  "taskhive-events-dlq",
  "taskhive-webhooks-dlq",
  "taskhive-reviews",
  "taskhive-reviews-dlq",
  "taskhive-swarm",
  "taskhive-swarm-dlq",
] as const;

export const DeadLetterQuery = PaginationQuery.extend({
  queue: z.enum(QUEUES).optional().openapi({ description: "Only dead letters recorded from this queue" }),
});

export const DeadLetterParams = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "id", in: "path" }, example: 7 }),
});

export const DeadLetterSchema = z
  .object({
    id: z.number().int(),
    queue: z.string().openapi({ description: "The queue it was consumed from when given up on" }),
    message_id: z.string(),
    attempts: z.number().int(),
    body: z.unknown().openapi({ description: "The message as it was sent" }),
    created_at: Timestamp,
    replayed_at: Timestamp.nullable(),
    replays: z.number().int(),
  })
  .openapi("DeadLetter");

export const ReconcilerRunsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ReconcilerRunSchema = z
  .object({
    id: z.number().int(),
    examined: z.number().int().openapi({ description: "Tasks that looked stuck in D1 and whose rooms were asked to reconcile" }),
    timers_fired: z.number().int().openapi({ description: "Timers the rooms found due (an alarm late or lost)" }),
    unsettled: z.number().int().openapi({ description: "Rooms whose outbox still could not reach D1 or the queue" }),
    failed: z.number().int().openapi({ description: "Rooms that could not be reached" }),
    reprojected: z
      .number()
      .int()
      .openapi({ description: "Rooms whose D1 rows were behind (or their payment missing) and were written again" }),
    swept_to: z
      .number()
      .int()
      .openapi({ description: "Where the rolling sweep of unfinished tasks stopped; the next run goes on after it" }),
    created_at: Timestamp,
  })
  .openapi("ReconcilerRun");
