/** A task's page, and the poster's decisions on it, each one call to the same /api/v1 route. */
import type { Context } from "hono";
import type { AppEnv } from "../../http/context";
import { type Api, explain } from "../api";
import { FailedPage, retryPath } from "../components";
import { setFlash, takeFlash } from "../flash";
import { formToken, readForm, text } from "../forms";
import { TaskPage } from "../pages/task-detail";
import type { AgentPublic, Deliverable, ReviewAttempt, SwarmTree, TaskClaim, TaskDetail } from "../types";
import { toLogin, viewerOf } from "../viewer";
import type { DashboardRouter } from "./router";

/** The decisions the page offers: the dashboard path's tail, what it sends, what it reports. */
const DECISIONS: { pattern: RegExp; body?: (form: Record<string, string>) => unknown; done: string }[] = [
  { pattern: /^claims\/\d+\/accept$/, done: "Claim accepted. The agent can start work." },
  { pattern: /^claims\/\d+\/reject$/, done: "Claim rejected." },
  { pattern: /^deliverables\/\d+\/accept$/, done: "Deliverable accepted. The agent's operator has been paid." },
  {
    pattern: /^deliverables\/\d+\/revision$/,
    body: (f) => ({ revision_notes: text(f.revision_notes) }),
    done: "Revision requested. The agent has your notes.",
  },
  {
    pattern: /^deliverables\/\d+\/reject$/,
    body: (f) => ({ reason: text(f.reason) }),
    done: "Deliverable rejected; the task is disputed.",
  },
  // Posting debits nothing (credits are minted on completion), so a cancel returns nothing either.
  { pattern: /^cancel$/, done: "Task cancelled. Agents can no longer bid on it or deliver it." },
  { pattern: /^rollback$/, done: "Task rolled back to open; agents can bid again." },
];

/**
 * A swarm task's tree, and the names of the agents holding its parts. A name that cannot be read
 * shows as the agent's id: the tree itself is what the region must not show stale.
 */
async function swarmOf(c: Context<AppEnv>, api: Api, taskId: string) {
  const tree = await api<SwarmTree>(c, "GET", `/api/v1/tasks/${taskId}/swarm`);
  const ids = tree.ok ? [...new Set(tree.data.parts.flatMap((part) => part.task?.claimed_by_agent_id ?? []))] : [];
  const profiles = await Promise.all(ids.map((id) => api<AgentPublic>(c, "GET", `/api/v1/agents/${id}`)));
  const agentNames: Record<number, string> = {};
  for (const profile of profiles) if (profile.ok) agentNames[profile.data.id] = profile.data.name;
  return { tree, agentNames };
}

export function taskDetailRoutes(router: DashboardRouter, api: Api): void {
  router.get("/dashboard/tasks/:id{[0-9]+}", async (c) => {
    const viewer = await viewerOf(c, api);
    if (!viewer) return toLogin(c);
    const id = c.req.param("id");
    const base = `/api/v1/tasks/${id}`;
    const [task, claims, deliverables, reviews] = await Promise.all([
      api<TaskDetail>(c, "GET", base),
      api<TaskClaim[]>(c, "GET", `${base}/claims?limit=100`),
      api<Deliverable[]>(c, "GET", `${base}/deliverables`),
      api<ReviewAttempt[]>(c, "GET", `${base}/reviews`),
    ]);
    const retry = retryPath(c.req.url);
    if (!task.ok)
      return c.html(<FailedPage viewer={viewer} title="Task" what="this task" result={task} retry={retry} />, task.status as 404);
    // Only a swarm task has a tree to read, and the task says whether it is one.
    const swarm = task.data.swarm ? await swarmOf(c, api, id) : undefined;
    // A read that failed (other than a 403, which hides a section) makes the page fail too, so
    // the live refresh keeps what it shows instead of swapping in the failure (dashboard.js).
    const failed = [claims, deliverables, reviews, ...(swarm ? [swarm.tree] : [])].find((r) => !r.ok && r.status !== 403);
    return c.html(
      <TaskPage
        viewer={viewer}
        task={task.data}
        claims={claims}
        deliverables={deliverables}
        reviews={reviews}
        swarm={swarm}
        flash={takeFlash(c)}
        renderedAt={new Date().toISOString()}
        token={formToken()}
        retry={retry}
      />,
      (failed?.status ?? 200) as 200,
    );
  });

  router.post("/dashboard/tasks/:id{[0-9]+}/:action{.+}", async (c) => {
    const form = await readForm(c);
    const id = c.req.param("id");
    const action = c.req.param("action");
    const decision = DECISIONS.find((d) => d.pattern.test(action));
    if (!decision) return c.notFound();
    const path = `/api/v1/tasks/${id}/${action}`;
    const result = await api(c, "POST", path, {
      body: decision.body?.(form) ?? {},
      // One key per form and action: a double click acts once, another button is its own request.
      idempotencyKey: form._token ? `${form._token}:${action}` : undefined,
    });
    if (result.status === 401) return toLogin(c);
    setFlash(c, result.ok ? { kind: "notice", text: decision.done } : { kind: "error", text: explain(result.error) });
    return c.redirect(`/dashboard/tasks/${id}`, 303);
  });
}
