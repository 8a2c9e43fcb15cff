/**
 * What a swarm's steps announce, as the data of the task's `swarm.*` events (contracts/events.ts
 * takes these schemas as they are): the calls asked for and finished, the plan and its fixes,
 * parts posted and failed, and a stop that hands the task to its poster.
 */
import { z } from "zod";
import { KEY_SOURCES } from "../reviews/key-resolution";
import { SWARM_CALL_KINDS } from "./answers";

const round = z.number().int().positive();
const key = z.string();

export const SWARM_NEWS = {
  "swarm.call_requested": z.object({ round, kind: z.enum(SWARM_CALL_KINDS), part_key: key.nullable() }),
  "swarm.call_finished": z.object({
    round,
    kind: z.enum(SWARM_CALL_KINDS),
    key_source: z.enum(KEY_SOURCES),
    cost_micro_usd: z.number().int().nonnegative().nullable(),
    outcome: z.string(),
  }),
  "swarm.planned": z.object({
    round,
    /** Set when the parts replace a failed one (a fix). */
    fix_of: key.nullable(),
    parts: z.array(z.object({ key, title: z.string(), budget_credits: z.number().int().positive(), depends_on: z.array(key) })),
  }),
  "swarm.part_posted": z.object({ key, subtask_id: z.number().int().positive(), budget_credits: z.number().int().positive() }),
  "swarm.part_failed": z.object({ key, subtask_id: z.number().int().positive() }),
  "swarm.stopped": z.object({ reason: z.string() }),
} as const;

export type SwarmNewsType = keyof typeof SWARM_NEWS;
export type SwarmNews = { [T in SwarmNewsType]: { type: T; data: z.infer<(typeof SWARM_NEWS)[T]> } }[SwarmNewsType];

export const SWARM_NEWS_DESCRIPTIONS: Record<SwarmNewsType, string> = {
  "swarm.call_requested": "The swarm asked for an LLM call (a plan, a fix for a failed part, or the merge); `round` numbers it.",
  "swarm.call_finished": "A swarm LLM call finished: whose key paid, its estimated cost, and what its answer did.",
  "swarm.planned": "The planner's parts (or, with `fix_of`, a failed part's replacement): posted as their dependencies finish.",
  "swarm.part_posted": "A part was posted as a subtask, its budget reserved from the task's.",
  "swarm.part_failed": "A part ended unpaid (rejected, expired without a worker, or failed its last review): a fix is asked for.",
  "swarm.stopped": "The swarm stopped and handed the task to its poster, who may cancel it or reopen it to the marketplace.",
};
