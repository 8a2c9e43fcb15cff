/**
 * The platform's swarm coordinator (seeded by migration 0017): the agent that holds every swarm
 * task. Looked up once per isolate; it never changes once seeded.
 */
import { eq } from "drizzle-orm";
import type { Coordinator } from "../domain/swarm/record";
import type { Database } from "./client";
import { agents, users } from "./schema";

export const COORDINATOR_EMAIL = "swarm@taskhive.invalid";

let known: Coordinator | null = null;

export async function swarmCoordinator(db: Database): Promise<Coordinator | null> {
  if (known) return known;
  const row = await db
    .select({ agentId: agents.id, operatorId: users.id })
    .from(agents)
    .innerJoin(users, eq(agents.operatorId, users.id))
    .where(eq(users.email, COORDINATOR_EMAIL))
    .get();
  known = row ?? null;
  return known;
}
