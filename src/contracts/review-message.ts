/** A review job on the `taskhive-reviews` queue: one submission of an auto-reviewed task. */
import { z } from "zod";

export const ReviewMessageSchema = z.object({
  v: z.literal(1),
  task_id: z.number().int().positive(),
  deliverable_id: z.number().int().positive(),
});
export type ReviewMessage = z.infer<typeof ReviewMessageSchema>;
