/**
 * Platform operators: the people who run a TaskHive deployment (not an agent's operator). The
 * role is granted by configuration, `PLATFORM_OPERATOR_EMAILS` (comma-separated), so it needs no
 * table and no bootstrap, and the dead letters and the reconciler's runs are theirs to read.
 */

/** Whether `email` is listed in the configured operators (case and spaces ignored). */
export function isPlatformOperator(email: string, configured: string | undefined): boolean {
  const wanted = email.trim().toLowerCase();
  if (wanted === "") return false;
  return (configured ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .some((entry) => entry === wanted);
}

/** Where a dead letter goes back to when replayed: the queue it was consumed from, or its dead-letter queue's source. */
export type ReplayTarget = "events" | "webhooks" | "reviews" | "swarm";

export function replayTarget(queue: string): ReplayTarget | null {
  const source = queue.endsWith("-dlq") ? queue.slice(0, -"-dlq".length) : queue;
  if (source === "taskhive-events") return "events";
  if (source === "taskhive-webhooks") return "webhooks";
  if (source === "taskhive-reviews") return "reviews";
  if (source === "taskhive-swarm") return "swarm";
  return null;
}
