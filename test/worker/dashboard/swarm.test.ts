// Swarm mode in the dashboard: the create-task form's checkbox sends `swarm: true`, its refusals
// show beside their fields, and a swarm task's page renders its tree (parts, fixes, waves, calls
// and cost) from GET /api/v1/tasks/:id/swarm, in a live region of its own.
import { exports } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import type { ApiResult } from "../../../src/worker/dashboard/api";
import { TaskPage } from "../../../src/worker/dashboard/pages/task-detail";
import type { SwarmTree, TaskDetail } from "../../../src/worker/dashboard/types";
import { claim, createAgent, expectStatus, ORIGIN, type Person, postTask, registerPerson } from "../../helpers/api";
import { POSTER_KEY } from "../../helpers/review";
import { part, partTask, plan, scriptedModel, swarmWhen } from "../../helpers/swarm";

let restore: () => void = () => {};
afterEach(() => restore());

function page(path: string, who: Person, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("cookie", who.cookie);
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual", ...init, headers }));
}

function postForm(who: Person, fields: Record<string, string>) {
  return page("/dashboard/tasks", who, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

const REPORT = {
  title: "Write a two-part report",
  description: "Background and analysis of edge caching, then a conclusion.",
  swarm: "on",
};

describe("the create-task form in swarm mode", () => {
  it("shows the swarm's refusals beside the fields they name, keeping the checkbox ticked", async () => {
    const person = await registerPerson("Swarm form");
    // The workerd tests configure no platform key, so a swarm needs the poster's.
    const keyless = await postForm(person, { ...REPORT, budget_credits: "100" });
    expect(keyless.status).toBe(422);
    const html = await keyless.text();
    expect(html).toMatch(/id="poster_llm_key-error"[^>]*>Swarm mode needs an LLM key/);
    expect(html).toMatch(/<input id="swarm" name="swarm" type="checkbox" value="on" checked/);

    const small = await postForm(person, { ...REPORT, budget_credits: "15" });
    expect(small.status).toBe(422);
    expect(await small.text()).toMatch(/id="budget_credits-error"[^>]*>A swarm task needs a budget of at least 20 credits/);
  });

  it("posts a swarm task, whose page shows its tree: parts, waves, calls and their cost", async () => {
    const model = scriptedModel({ plan: () => plan(part("background", 40), part("analysis", 40, ["background"])) });
    restore = model.restore;
    const poster = await registerPerson("Swarm poster");
    const created = await postForm(poster, {
      ...REPORT,
      budget_credits: "200",
      poster_llm_provider: "anthropic",
      poster_llm_key: POSTER_KEY,
      _token: crypto.randomUUID(),
    });
    expect(created.status).toBe(303);
    const taskId = Number(created.headers.get("location")?.split("/").pop());
    const planned = await swarmWhen(poster, taskId, (s) => s.status === "running", "the plan applied");
    const worker = await createAgent(await registerPerson("Swarm worker"), { name: "swarm-worker-bot" });
    await claim(worker, partTask(planned, "background"), 40);

    const html = await (await page(`/dashboard/tasks/${taskId}`, poster)).text();
    const region = /<section id="region-swarm" data-region[^>]*>(.*?)<\/section>/s.exec(html)?.[1] ?? "";
    expect(region).toContain('<span class="badge running">running</span>');
    expect(region).toMatch(/0 of 2 parts done · 1 of 8 LLM calls used/);
    expect(region).toMatch(/data-part-key="background" data-part-state="posted"/);
    expect(region).toContain(`href="/dashboard/tasks/${partTask(planned, "background")}"`);
    expect(region).toContain("swarm-worker-bot");
    expect(region).toMatch(/data-part-key="analysis" data-part-state="waiting".*not posted/s);
    expect(region).toContain("after background");
    expect(region).toMatch(/<li>background<\/li><li>analysis<\/li>/);
    expect(region).toMatch(/data-call-round="1".*plan.*poster · anthropic/s);
    expect(region).toMatch(/Total estimated cost: \$\d+\.\d{4}/);
    // The plain subtask list would repeat the parts the tree already lists.
    expect(html).not.toContain('data-testid="subtasks"');

    // Anyone else sees the tree, but not the poster's calls and their cost.
    const other = await registerPerson("Onlooker");
    const theirs = await (await page(`/dashboard/tasks/${taskId}`, other)).text();
    expect(theirs).toContain('data-part-key="background"');
    expect(theirs).not.toContain("LLM calls</h3>");
  });
});

describe("a swarm task's tree on its page", () => {
  const loaded = <T>(data: T): ApiResult<T> => ({ ok: true, status: 200, data, cursor: null, setCookie: [], retryAfter: null });

  it("marks a fix as replacing its failed part, and says why a stopped swarm stopped", async () => {
    const poster = await registerPerson("Stopped swarm");
    const { id } = await postTask(poster);
    const task = await expectStatus<TaskDetail>(200, "GET", `/api/v1/tasks/${id}`, poster);
    const partView = (key: string, state: SwarmTree["parts"][number]["state"], fix_of: string | null, attempt: number) => ({
      key,
      title: `Part ${key}`,
      budget_credits: 40,
      depends_on: [],
      state,
      fix_of,
      attempt,
      task_id: 900 + attempt,
      task: {
        status: state === "failed" ? ("disputed" as const) : ("in_progress" as const),
        claimed_by_agent_id: 7,
        progress: 60,
        last_heartbeat_at: "2025-01-02T03:04:05.000Z",
      },
    });
    const tree: SwarmTree = {
      task_id: id,
      status: "stopped",
      stop_reason: "The swarm used its 8 LLM calls",
      coordinator_agent_id: 1,
      parts: [partView("draft", "failed", null, 1), partView("draft-fix1", "posted", "draft", 2)],
      waves: [["draft-fix1"]],
      rounds_used: 8,
      max_rounds: 8,
      calls: [],
      cost_estimate_usd: 0,
    };
    const html = (
      await TaskPage({
        viewer: { id: poster.id, name: poster.name, email: poster.email, credit_balance: 500 },
        task: { ...task, swarm: { status: "stopped", parts_total: 1, parts_done: 0, stop_reason: tree.stop_reason } },
        claims: loaded([]),
        deliverables: loaded([]),
        reviews: loaded([]),
        swarm: { tree: loaded(tree), agentNames: { 7: "careful-bot" } },
        flash: null,
        renderedAt: new Date().toISOString(),
        token: "t",
        retry: `/dashboard/tasks/${id}`,
      }).toString()
    ).toString();
    expect(html).toContain("Stopped: The swarm used its 8 LLM calls.");
    expect(html).toMatch(/data-part-key="draft" data-part-state="failed" class="replaced">.*replaced by draft-fix1/s);
    expect(html).toContain("fix replacing failed part draft (attempt 2)");
    expect(html).toContain("careful-bot");
    expect(html).toMatch(/60% · <\/span>last heartbeat <time datetime="2025-01-02T03:04:05.000Z">/);
    expect(html).toContain("0 of 1 part done · 8 of 8 LLM calls used");
  });
});
