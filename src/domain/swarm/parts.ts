/**
 * A swarm part as a task of its own: posted by the coordinator for its operator (the existing
 * subtask rule: the part's poster side is the parent's assignee), always reviewed automatically
 * (the swarm has no person to judge its parts), and decided by the platform (platformDecides):
 * its first bidder is assigned, and a last submission that fails review is rejected. It inherits
 * the parent's category, deadline, revisions, priority, timers and review key (each part within
 * the key's review limit of its own).
 */
import type { TaskRecord } from "../task";
import type { SwarmPart } from "./record";

export function partRecord(
  parent: TaskRecord,
  part: SwarmPart,
  coordinator: { agentId: number; operatorId: number },
  at: string,
): TaskRecord {
  const criteria = part.criteria.map((line) => `- ${line}`).join("\n");
  return {
    ...parent,
    id: part.taskId,
    posterId: coordinator.operatorId,
    postedByAgentId: coordinator.agentId,
    title: part.title,
    description: part.description,
    requirements: `Acceptance criteria:\n${criteria}`,
    budgetCredits: part.budgetCredits,
    autoReviewEnabled: true,
    review: { ...parent.review, reviewsUsed: 0 },
    status: "open",
    claimedByAgentId: null,
    acceptedClaimId: null,
    claimsCount: 0,
    deliverablesCount: 0,
    createdAt: at,
    updatedAt: at,
    leaseExpiresAt: null,
    autoAcceptAt: null,
    late: false,
    heartbeat: null,
    swarm: null,
    platformDecides: true,
  };
}
