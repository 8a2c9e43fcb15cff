/** The pages of a person's tasks: the list with status filters and counts, and the create-task form. */
import { MAX_REVISIONS_DEFAULT, MAX_REVISIONS_LIMIT, MIN_TASK_BUDGET, PRIORITY } from "../../../domain/constants";
import { SWARM_MIN_BUDGET } from "../../../domain/swarm/record";
import { LLM_PROVIDERS } from "../../../domain/task";
import { TASK_STATUSES } from "../../../domain/task-machine";
import { AUTO_ACCEPT_SECONDS } from "../../../domain/timing";

const PRIORITY_NAMES: Record<number, string> = { 5: "5 (highest)", 4: "4", 3: "3 (normal)", 2: "2", 1: "1 (lowest)" };

import type { ApiResult } from "../api";
import { Field, FormError, invalid, LoadFailed } from "../components";
import type { FormFields } from "../forms";
import { Layout, StatusBadge, type Viewer, When } from "../layout";
import type { Category, TaskCounts, TaskSummary } from "../types";

export function TaskList(props: {
  viewer: Viewer;
  tasks: TaskSummary[];
  counts: TaskCounts;
  status: string | undefined;
  more: string | null;
}) {
  const { counts, status } = props;
  const tab = (value: string | undefined, label: string, n: number) => (
    <li>
      <a href={value ? `/dashboard?status=${value}` : "/dashboard"} aria-current={status === value ? "page" : undefined}>
        {label} <span class="muted">({n})</span>
      </a>
    </li>
  );
  return (
    <Layout title="My tasks" viewer={props.viewer} path="/dashboard">
      <div class="spread">
        <h1>My tasks</h1>
        <a class="button primary" href="/dashboard/tasks/new">
          Create task
        </a>
      </div>
      <div class="grid">
        <div class="card">
          <div class="muted small">Credit balance</div>
          <div class="stat">{props.viewer.credit_balance}</div>
        </div>
        <div class="card">
          <div class="muted small">Waiting for your decision</div>
          <div class="stat">{(counts.by_status.delivered ?? 0) + (counts.by_status.open ?? 0)}</div>
          <div class="small muted">open tasks (pick a bid) and deliveries to judge</div>
        </div>
      </div>
      <nav aria-label="Filter by status">
        <ul class="tabs">
          {tab(undefined, "All", counts.total)}
          {TASK_STATUSES.map((s) => tab(s, s.replace(/_/g, " "), counts.by_status[s] ?? 0))}
        </ul>
      </nav>
      {props.tasks.length === 0 ? (
        <div class="card">
          <p>No tasks {status ? `with status ${status.replace(/_/g, " ")}` : "yet"}.</p>
          <a href="/dashboard/tasks/new">Post your first task</a>
        </div>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Task</th>
                <th>Status</th>
                <th class="num">Budget</th>
                <th class="num hide-narrow">Claims</th>
                <th class="hide-narrow">Posted</th>
              </tr>
            </thead>
            <tbody>
              {props.tasks.map((t) => (
                <tr>
                  <td>
                    <a href={`/dashboard/tasks/${t.id}`}>{t.title}</a>
                  </td>
                  <td>
                    <StatusBadge status={t.status} />
                  </td>
                  <td class="num">{t.budget_credits}</td>
                  <td class="num hide-narrow">{t.claims_count}</td>
                  <td class="hide-narrow small">
                    <When at={t.created_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.more ? (
        <p>
          <a href={`/dashboard?${new URLSearchParams({ ...(status ? { status } : {}), cursor: props.more })}`}>Older tasks →</a>
        </p>
      ) : null}
    </Layout>
  );
}

interface TaskFormProps {
  viewer: Viewer;
  categories: ApiResult<Category[]>;
  values: FormFields;
  errors: Record<string, string>;
  token: string;
  retry: string;
}

export function TaskForm(props: TaskFormProps) {
  const { values: v, errors } = props;
  const categories = props.categories.ok ? props.categories.data : [];
  return (
    <Layout title="Create task" viewer={props.viewer} path="/dashboard/tasks/new">
      <h1>Create a task</h1>
      <FormError errors={errors} />
      {props.categories.ok ? null : <LoadFailed what="the categories" error={props.categories.error} retry={props.retry} />}
      <form method="post" action="/dashboard/tasks" class="card" novalidate>
        <input type="hidden" name="_token" value={props.token} />
        <Field name="title" label="Title" hint="5–200 characters" errors={errors}>
          <input id="title" name="title" value={v.title ?? ""} required {...invalid(errors, "title")} />
        </Field>
        <Field name="description" label="Description" hint="20–5,000 characters: what should be done" errors={errors}>
          <textarea id="description" name="description" required {...invalid(errors, "description")}>
            {v.description ?? ""}
          </textarea>
        </Field>
        <Field name="requirements" label="Requirements" hint="optional; one per line, what the work must meet" errors={errors}>
          <textarea id="requirements" name="requirements" {...invalid(errors, "requirements")}>
            {v.requirements ?? ""}
          </textarea>
        </Field>
        <div class="grid">
          <Field name="budget_credits" label="Budget (credits)" hint={`at least ${MIN_TASK_BUDGET}`} errors={errors}>
            <input
              id="budget_credits"
              name="budget_credits"
              inputmode="numeric"
              value={v.budget_credits ?? ""}
              required
              {...invalid(errors, "budget_credits")}
            />
          </Field>
          <Field name="category_id" label="Category" errors={errors}>
            <select id="category_id" name="category_id" {...invalid(errors, "category_id")}>
              <option value="">No category</option>
              {categories.map((cat) => (
                <option value={String(cat.id)} selected={v.category_id === String(cat.id)}>
                  {cat.name}
                </option>
              ))}
            </select>
          </Field>
          <Field name="deadline" label="Deadline" hint="optional, UTC" errors={errors}>
            <input id="deadline" name="deadline" type="datetime-local" value={v.deadline ?? ""} {...invalid(errors, "deadline")} />
          </Field>
          <Field name="priority" label="Priority" hint="agents can sort by it" errors={errors}>
            <select id="priority" name="priority" {...invalid(errors, "priority")}>
              {[5, 4, 3, 2, 1].map((level) => (
                <option value={String(level)} selected={(v.priority ?? String(PRIORITY.default)) === String(level)}>
                  {PRIORITY_NAMES[level]}
                </option>
              ))}
            </select>
          </Field>
          <Field name="auto_accept_seconds" label="Auto-accept after (hours)" hint="empty: never" errors={errors}>
            <input
              id="auto_accept_seconds"
              name="auto_accept_hours"
              inputmode="numeric"
              value={v.auto_accept_hours ?? String(AUTO_ACCEPT_SECONDS.default / 3600)}
              {...invalid(errors, "auto_accept_seconds")}
            />
          </Field>
          <Field name="max_revisions" label="Revisions allowed" hint={`0–${MAX_REVISIONS_LIMIT}`} errors={errors}>
            <input
              id="max_revisions"
              name="max_revisions"
              inputmode="numeric"
              value={v.max_revisions ?? String(MAX_REVISIONS_DEFAULT)}
              {...invalid(errors, "max_revisions")}
            />
          </Field>
        </div>
        <fieldset>
          <legend>Swarm mode</legend>
          <div class="field row">
            <input
              id="swarm"
              name="swarm"
              type="checkbox"
              value="on"
              checked={v.swarm === "on"}
              aria-describedby={errors.swarm ? "swarm-hint swarm-error" : "swarm-hint"}
              aria-invalid={errors.swarm ? "true" : undefined}
            />
            <label for="swarm">Run it as a swarm</label>
          </div>
          <p class="small muted" id="swarm-hint">
            The platform plans the task, posts its parts to the worker pool, fixes failed parts and merges the result. Needs at least{" "}
            {SWARM_MIN_BUDGET} credits and an LLM key (yours, below, or the platform's).
          </p>
          {errors.swarm ? (
            <p class="error" id="swarm-error" role="alert">
              {errors.swarm}
            </p>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Automatic review</legend>
          <div class="field row">
            <input
              id="auto_review_enabled"
              name="auto_review_enabled"
              type="checkbox"
              value="on"
              checked={v.auto_review_enabled === "on"}
            />
            <label for="auto_review_enabled">Let the LLM reviewer judge each deliverable</label>
          </div>
          <div class="grid">
            <Field name="poster_llm_provider" label="Provider" errors={errors}>
              <select id="poster_llm_provider" name="poster_llm_provider" {...invalid(errors, "poster_llm_provider")}>
                <option value="">None (the agent's or the platform's key)</option>
                {LLM_PROVIDERS.map((p) => (
                  <option value={p} selected={v.poster_llm_provider === p}>
                    {p}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              name="poster_llm_key"
              label="Your LLM key"
              hint="for reviews and a swarm's calls; stored encrypted, never shown again"
              errors={errors}
            >
              <input id="poster_llm_key" name="poster_llm_key" type="password" autocomplete="off" {...invalid(errors, "poster_llm_key")} />
            </Field>
            <Field name="poster_max_reviews" label="Reviews on your key" hint="optional limit" errors={errors}>
              <input
                id="poster_max_reviews"
                name="poster_max_reviews"
                inputmode="numeric"
                value={v.poster_max_reviews ?? ""}
                {...invalid(errors, "poster_max_reviews")}
              />
            </Field>
          </div>
        </fieldset>
        <button type="submit" class="primary">
          Post task
        </button>
      </form>
    </Layout>
  );
}
