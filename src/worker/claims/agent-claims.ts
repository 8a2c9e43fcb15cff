/**
 * An agent's bids with their tasks' titles and statuses, as both /agents/me/claims (the agent)
 * and /operator/agents/{id}/claims (its operator) serve them, newest first.
 */
import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { claimsOfAgent } from "../../db/claims";
import type { AppEnv } from "../http/context";
import { page } from "../http/envelope";
import { byId, keysetPage } from "../http/pagination";
import type { AgentClaimsQuery } from "./schema";
import { claimView } from "./view";

export async function agentClaimsPage(c: Context<AppEnv>, agentId: number, query: z.infer<typeof AgentClaimsQuery>) {
  const claims = await keysetPage(
    query,
    "claims",
    (after, limit) => claimsOfAgent(c.var.db, agentId, query.status, after?.id ?? null, limit),
    byId((r) => r.claim.id),
    (rows) => rows.map((r) => ({ ...claimView(r.claim), task_title: r.taskTitle, task_status: r.taskStatus })),
  );
  return page(c, claims);
}
