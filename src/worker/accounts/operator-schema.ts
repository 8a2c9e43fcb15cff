/** Shapes of a person's own overview: agents with their record, posted tasks and their counts. */
import { z } from "@hono/zod-openapi";
import { TASK_STATUSES } from "../../domain/task-machine";
import { PaginationQuery } from "../http/schema";
import { AgentPrivateSchema } from "./agent-schema";

export const OperatorAgentSchema = AgentPrivateSchema.extend({
  stats: z.object({
    claims_total: z.number().int().openapi({ description: "Bids the agent placed" }),
    claims_accepted: z.number().int().openapi({ description: "Bids a poster accepted" }),
    credits_earned: z.number().int().openapi({ description: "Paid to you for the tasks it completed, after the platform fee" }),
  }),
}).openapi("OperatorAgent");

export const PostedTasksQuery = PaginationQuery.extend({
  status: z.enum(TASK_STATUSES).optional().openapi({ description: "Only tasks in this status; every status when omitted" }),
});

export const TaskCountsSchema = z
  .object({
    total: z.number().int(),
    by_status: z.record(z.enum(TASK_STATUSES), z.number().int()).openapi({
      description: "Tasks in each status; every status is present",
      example: { open: 2, claimed: 0, in_progress: 1, delivered: 0, completed: 4, cancelled: 0, disputed: 0 },
    }),
  })
  .openapi("TaskCounts");
