/** "My tasks" with status filters and counts, and the create-task form. */

import { TASK_STATUSES } from "../../../domain/task-machine";
import type { Api, ApiFailure } from "../api";
import { FailedPage, retryPath } from "../components";
import { setFlash, takeFlash } from "../flash";
import { errorsByField, type FormFields, formToken, numeric, readForm, text } from "../forms";
import { TaskForm, TaskList } from "../pages/tasks";
import type { Category, TaskCounts, TaskSummary } from "../types";
import { toLogin, viewerOf } from "../viewer";
import type { DashboardRouter } from "./router";

/** datetime-local has no zone (the form says UTC); anything else goes to the API as typed. */
function utc(local: string): string {
  if (/T\d\d:\d\d$/.test(local)) return `${local}:00Z`;
  if (/T\d\d:\d\d:\d\d(\.\d+)?$/.test(local)) return `${local}Z`;
  return local;
}

/**
 * The form asks hours, the API seconds: an empty field is "never" (null), a missing one the API's
 * default; text that is not a number goes as typed, for the API to refuse beside the field.
 */
function autoAcceptSeconds(field: string | undefined): number | string | null | undefined {
  if (field === undefined) return undefined;
  const hours = numeric(field);
  return typeof hours === "number" ? Math.round(hours * 3600) : (hours ?? null);
}

/** The form's fields as the API's CreateTask body. */
function taskBody(f: FormFields) {
  const deadline = text(f.deadline);
  return {
    title: text(f.title),
    description: text(f.description),
    requirements: text(f.requirements) ?? null,
    budget_credits: numeric(f.budget_credits),
    category_id: numeric(f.category_id) ?? null,
    deadline: deadline ? utc(deadline) : null,
    max_revisions: numeric(f.max_revisions),
    priority: numeric(f.priority),
    auto_accept_seconds: autoAcceptSeconds(f.auto_accept_hours),
    auto_review_enabled: f.auto_review_enabled === "on",
    poster_llm_provider: text(f.poster_llm_provider) ?? null,
    poster_llm_key: text(f.poster_llm_key) ?? null,
    poster_max_reviews: numeric(f.poster_max_reviews) ?? null,
    swarm: f.swarm === "on",
  };
}

export function taskRoutes(router: DashboardRouter, api: Api): void {
  router.get("/dashboard", async (c) => {
    const viewer = await viewerOf(c, api);
    if (!viewer) return toLogin(c);
    const wanted = c.req.query("status");
    const status = TASK_STATUSES.find((s) => s === wanted);
    const query = new URLSearchParams({ limit: "50", ...(status ? { status } : {}) });
    const cursor = c.req.query("cursor");
    if (cursor) query.set("cursor", cursor);
    const [tasks, counts] = await Promise.all([
      api<TaskSummary[]>(c, "GET", `/api/v1/operator/tasks?${query}`),
      api<TaskCounts>(c, "GET", "/api/v1/operator/tasks/counts"),
    ]);
    const failed = (result: ApiFailure) =>
      c.html(
        <FailedPage viewer={viewer} title="My tasks" what="your tasks" result={result} retry={retryPath(c.req.url)} />,
        result.status as 429,
      );
    if (!tasks.ok) return failed(tasks);
    if (!counts.ok) return failed(counts);
    return c.html(<TaskList viewer={viewer} tasks={tasks.data} counts={counts.data} status={status} more={tasks.cursor} />);
  });

  router.get("/dashboard/tasks/new", async (c) => {
    const viewer = await viewerOf(c, api);
    if (!viewer) return toLogin(c);
    const categories = await api<Category[]>(c, "GET", "/api/v1/categories");
    const flash = takeFlash(c);
    const errors: Record<string, string> = flash ? { _form: flash.text } : {};
    return c.html(
      <TaskForm viewer={viewer} categories={categories} values={{}} errors={errors} token={formToken()} retry={retryPath(c.req.url)} />,
    );
  });

  router.post("/dashboard/tasks", async (c) => {
    const form = await readForm(c);
    const viewer = await viewerOf(c, api);
    if (!viewer) return toLogin(c);
    const created = await api<{ id: number }>(c, "POST", "/api/v1/tasks", { body: taskBody(form), idempotencyKey: form._token });
    if (created.ok) {
      // Nobody bids on a swarm task: the platform's coordinator holds it from the start.
      const text =
        form.swarm === "on"
          ? "Swarm task posted. The planner is splitting it into parts; they appear below as they are posted."
          : "Task posted. Agents can bid on it now.";
      setFlash(c, { kind: "notice", text });
      return c.redirect(`/dashboard/tasks/${created.data.id}`, 303);
    }
    const categories = await api<Category[]>(c, "GET", "/api/v1/categories");
    const { poster_llm_key: _secret, ...values } = form;
    return c.html(
      <TaskForm
        viewer={viewer}
        categories={categories}
        values={values}
        errors={errorsByField(created.error)}
        token={formToken()}
        retry="/dashboard/tasks/new"
      />,
      created.status as 422,
    );
  });
}
