/**
 * What a swarm call reads from the parts' own rooms (the single writers of their work): why a
 * failed part failed, for the fixer, and each done part's accepted deliverable, for the merger.
 */
import { roomOf } from "../../contracts/addresses";
import type { SwarmPart } from "../../domain/swarm/record";

/** Why the part's subtask ended unpaid, in words the fixer can act on. */
export async function failureOf(env: Env, part: SwarmPart): Promise<string> {
  const listed = await roomOf(env, part.taskId).deliverableList();
  if (!listed) return "The part's task could not be read.";
  const { task, deliverables } = listed;
  const last = deliverables.at(-1);
  if (task.status === "disputed" && last) return `Its final submission was rejected: ${last.rejectionReason ?? "no reason given"}`;
  if (!last)
    return task.claimsCount === 0
      ? "No worker claimed it before it ended (its deadline passed or it was cancelled)."
      : "Its worker delivered nothing before it ended.";
  const notes = deliverables.map((d) => d.revisionNotes ?? d.rejectionReason).filter((n): n is string => n !== null);
  return notes.length > 0
    ? `It ended (${task.status}) after these review notes:\n${notes.join("\n---\n")}`
    : `It ended (${task.status}) without an accepted submission.`;
}

/** The accepted deliverable of each done part, in plan order. */
export async function doneWork(env: Env, parts: readonly SwarmPart[]): Promise<{ part: SwarmPart; content: string }[]> {
  const done = parts.filter((part) => part.state === "done");
  return Promise.all(
    done.map(async (part) => {
      const listed = await roomOf(env, part.taskId).deliverableList();
      const accepted = listed?.deliverables.find((d) => d.status === "accepted");
      if (!accepted) throw new Error(`part "${part.key}" (task ${part.taskId}) is done but its room shows no accepted deliverable`);
      return { part, content: accepted.content };
    }),
  );
}
