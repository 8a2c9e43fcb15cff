/** A swarm job on the `taskhive-swarm` queue: one LLM call (a round) a swarm task asked for. */
import { z } from "zod";

export const SwarmMessageSchema = z.object({
  v: z.literal(1),
  task_id: z.number().int().positive(),
  round: z.number().int().positive(),
});
export type SwarmMessage = z.infer<typeof SwarmMessageSchema>;
