/**
 * An agent's bids with their tasks' titles and statuses, as both /agents/me/claims (the agent)
 * and /operator/agents/{id}/claims (its operator) serve them, newest first.
 */
import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { claimsOfAgent } from "../db/claims";
import type { AppEnv } from "./context";
import { page } from "./envelope";
import { cutPage, readCursor } from "./pagination";
import type { AgentClaimsQuery } from "./schemas/claim";
import { claimView } from "./views";

export async function agentClaimsPage(c: Context<AppEnv>, agentId: number, query: z.infer<typeof AgentClaimsQuery>) {
  const after = readCursor(query.cursor, "claims");
  const rows = await claimsOfAgent(c.var.db, agentId, query.status, after?.id ?? null, query.limit);
  const cut = cutPage(rows, query.limit, "claims", (r) => ({ value: r.claim.id, id: r.claim.id }));
  return page(c, {
    items: cut.items.map((r) => ({ ...claimView(r.claim), task_title: r.taskTitle, task_status: r.taskStatus })),
    next: cut.next,
  });
}
