/**
 * Waiting for task rooms to finish what follows their answers: the D1 projection (lists, the
 * ledger) and the hand-off to the events queue. A test that reads a list right after a write
 * waits here, since the room answers before D1 has the change (docs/decisions.md, 36).
 */
import { env } from "cloudflare:workers";
import { roomOf } from "../../src/contracts/addresses";

/** Resolves once each task's room has written everything so far to D1 and the queue; throws what stopped one. */
export async function settled(...taskIds: number[]): Promise<void> {
  const outcomes = await Promise.all(taskIds.map((id) => roomOf(env, id).settle()));
  const stuck = outcomes.flatMap((outcome, i) => (outcome.settled ? [] : [`task ${taskIds[i]}: ${outcome.error}`]));
  if (stuck.length > 0) throw new Error(`projection not settled: ${stuck.join("; ")}`);
}

/** Every task room so far (each id the task sequence handed out), settled. */
export async function allRoomsSettled(): Promise<void> {
  const row = await env.DB.prepare("SELECT value FROM id_sequences WHERE name = 'tasks'").first<{ value: number }>();
  await settled(...Array.from({ length: row?.value ?? 0 }, (_, i) => i + 1));
}
