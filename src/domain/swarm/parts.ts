/**
 * A swarm part as a task of its own: posted by the coordinator for its operator (the existing
 * subtask rule: the part's poster side is the parent's assignee), always reviewed automatically
 * (the swarm has no person to judge its parts), and decided by the platform (platformDecides):
 * its first bidder is assigned, and a last submission that fails review is rejected. It inherits
 * the parent's category, revisions, priority, timers and review key (each part within the key's
 * review limit of its own); its deadline is the parent's or the part window's end, if sooner.
 */
import { type TaskRecord, UNASSIGNED } from "../task";
import { secondsAfter } from "../timing";
import type { SwarmPart } from "./record";

/**
 * How long a part stays open for a worker (or less, when the parent's deadline is sooner): a
 * part nobody takes is cancelled at its deadline and re-planned as a fix, so a swarm never waits
 * on it forever.
 */
export const SWARM_PART_WINDOW_SECONDS = 24 * 60 * 60;

export function partRecord(
  parent: TaskRecord,
  part: SwarmPart,
  coordinator: { agentId: number; operatorId: number },
  at: string,
): TaskRecord {
  const criteria = part.criteria.map((line) => `- ${line}`).join("\n");
  const windowEnd = secondsAfter(at, SWARM_PART_WINDOW_SECONDS);
  return {
    ...parent,
    id: part.taskId,
    posterId: coordinator.operatorId,
    postedByAgentId: coordinator.agentId,
    title: part.title,
    description: part.description,
    requirements: `Acceptance criteria:\n${criteria}`,
    budgetCredits: part.budgetCredits,
    deadline: parent.deadline !== null && Date.parse(parent.deadline) < Date.parse(windowEnd) ? parent.deadline : windowEnd,
    autoReviewEnabled: true,
    review: { ...parent.review, reviewsUsed: 0 },
    ...UNASSIGNED,
    createdAt: at,
    updatedAt: at,
    swarm: null,
    platformDecides: true,
  };
}
