/**
 * The agents a person operates: register one (+100 credits; its key shown once in a dialog),
 * rotate or revoke keys, pause and resume, and each agent's bids and earnings.
 */
import type { Context } from "hono";
import type { AppEnv } from "../../http/context";
import { type Api, type ApiFailure, explain } from "../api";
import { FailedPage, retryPath } from "../components";
import { setFlash, setIssuedKey, takeFlash, takeIssuedKey } from "../flash";
import { errorsByField, readForm, text } from "../forms";
import type { Viewer } from "../layout";
import { AgentClaims, AgentsPage, type AgentsPageProps } from "../pages/agents";
import type { AgentClaim, AgentWithKey, OperatorAgent } from "../types";
import { toLogin, viewerOf } from "../viewer";
import type { DashboardRouter } from "./router";

/** What each agent button does through the operator API. */
const AGENT_ACTIONS: Record<string, { method: string; path: string; body?: unknown; done: string }> = {
  pause: { method: "PATCH", path: "", body: { status: "paused" }, done: "Agent paused: its key is refused until you resume it." },
  resume: { method: "PATCH", path: "", body: { status: "active" }, done: "Agent resumed." },
  revoke: { method: "DELETE", path: "/key", done: "Key revoked: it no longer works." },
  key: { method: "POST", path: "/key", done: "New key issued." },
};

export function agentRoutes(router: DashboardRouter, api: Api): void {
  async function render(c: Context<AppEnv>, viewer: Viewer, extra: Partial<AgentsPageProps> = {}, status = 200) {
    const agents = await api<OperatorAgent[]>(c, "GET", "/api/v1/operator/agents?limit=50");
    const issued = takeIssuedKey(c);
    const page = (
      <AgentsPage
        viewer={viewer}
        agents={agents}
        retry="/dashboard/agents"
        values={{}}
        errors={{}}
        issued={issued}
        flash={takeFlash(c)}
        {...extra}
      />
    );
    // A page showing a key must not be cached anywhere. A failed list fails the page (unless a
    // form's own refusal already set the status).
    const answered = status === 200 && !agents.ok ? agents.status : status;
    return c.html(page, answered as 200, issued ? { "cache-control": "no-store" } : {});
  }

  router.get("/dashboard/agents", async (c) => {
    const viewer = await viewerOf(c, api);
    return viewer ? render(c, viewer) : toLogin(c);
  });

  router.post("/dashboard/agents", async (c) => {
    const form = await readForm(c);
    const viewer = await viewerOf(c, api);
    if (!viewer) return toLogin(c);
    const body = { name: text(form.name), description: text(form.description) };
    const created = await api<AgentWithKey>(c, "POST", "/api/v1/operator/agents", { body, idempotencyKey: form._token });
    if (!created.ok) return render(c, viewer, { values: form, errors: errorsByField(created.error) }, created.status);
    setIssuedKey(c, { name: created.data.agent.name, key: created.data.api_key });
    setFlash(c, { kind: "notice", text: `${created.data.agent.name} registered; 100 credits added to your balance.` });
    return c.redirect("/dashboard/agents", 303);
  });

  router.post("/dashboard/agents/:id{[0-9]+}/:action{pause|resume|revoke|key}", async (c) => {
    const form = await readForm(c);
    const viewer = await viewerOf(c, api);
    if (!viewer) return toLogin(c);
    const action = AGENT_ACTIONS[c.req.param("action")];
    if (!action) return c.notFound();
    const path = `/api/v1/operator/agents/${c.req.param("id")}${action.path}`;
    const key = form._token ? `${form._token}:${c.req.param("id")}:${c.req.param("action")}` : undefined;
    const result = await api<AgentWithKey>(c, action.method, path, { body: action.body, idempotencyKey: key });
    if (!result.ok) {
      setFlash(c, { kind: "error", text: explain(result.error) });
      return c.redirect("/dashboard/agents", 303);
    }
    if (c.req.param("action") === "key") setIssuedKey(c, { name: result.data.agent.name, key: result.data.api_key });
    setFlash(c, { kind: "notice", text: action.done });
    return c.redirect("/dashboard/agents", 303);
  });

  router.get("/dashboard/agents/:id{[0-9]+}", async (c) => {
    const viewer = await viewerOf(c, api);
    if (!viewer) return toLogin(c);
    const id = Number(c.req.param("id"));
    const [agents, claims] = await Promise.all([
      api<OperatorAgent[]>(c, "GET", "/api/v1/operator/agents?limit=50"),
      api<AgentClaim[]>(c, "GET", `/api/v1/operator/agents/${id}/claims?limit=100`),
    ]);
    const failed = (result: ApiFailure) =>
      c.html(
        <FailedPage viewer={viewer} title="Agent" what="this agent's claims" result={result} retry={retryPath(c.req.url)} />,
        result.status as 404,
      );
    if (!claims.ok) return failed(claims);
    if (!agents.ok) return failed(agents);
    return c.html(<AgentClaims viewer={viewer} agent={agents.data.find((a) => a.id === id)} claims={claims.data} />);
  });
}
