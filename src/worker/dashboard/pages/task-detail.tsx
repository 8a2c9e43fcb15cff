/**
 * A task as its poster sees it: status and actions, a swarm task's tree, the timeline (filled and
 * followed live by the script over the task's WebSocket), claims, deliverables by revision,
 * reviewer attempts.
 * Each `data-region` is re-rendered by the server and swapped in when an event arrives.
 */
import type { ApiResult } from "../api";
import { ActionButton, Loaded } from "../components";
import type { Flash } from "../flash";
import { Layout, StatusBadge, type Viewer, When } from "../layout";
import type { Deliverable, ReviewAttempt, SwarmTree, TaskClaim, TaskDetail } from "../types";
import { SwarmSection } from "./swarm";
import { Timers, Tree } from "./task-facts";

export interface TaskPageData {
  viewer: Viewer;
  task: TaskDetail;
  claims: ApiResult<TaskClaim[]>;
  deliverables: ApiResult<Deliverable[]>;
  reviews: ApiResult<ReviewAttempt[]>;
  /** A swarm task's tree, and the names of its parts' agents; absent for any other task. */
  swarm?: { tree: ApiResult<SwarmTree>; agentNames: Readonly<Record<number, string>> } | undefined;
  flash: Flash | null;
  renderedAt: string;
  token: string;
  retry: string;
}

const can = (task: TaskDetail, action: string) => task.next_actions.some((a) => a.action === action);

function Summary({ task, token }: { task: TaskDetail; token: string }) {
  const base = `/dashboard/tasks/${task.id}`;
  return (
    <section id="region-summary" data-region class="card" aria-labelledby="task-title">
      <div class="spread">
        <h1 id="task-title">{task.title}</h1>
        <span data-testid="task-status">
          <StatusBadge status={task.status} />
        </span>
      </div>
      <p class="muted small">
        {task.budget_credits} credits · priority {task.priority} · {task.category?.name ?? "no category"} · up to {task.max_revisions}{" "}
        revision
        {task.max_revisions === 1 ? "" : "s"} · deadline <When at={task.deadline} /> {task.auto_review_enabled ? "· auto-review on" : ""}
      </p>
      <Timers task={task} />
      <Tree task={task} />
      <pre class="content">{task.description}</pre>
      {task.requirements ? (
        <>
          <h2>Requirements</h2>
          <pre class="content">{task.requirements}</pre>
        </>
      ) : null}
      <div class="row">
        {can(task, "rollback") ? (
          <ActionButton
            action={`${base}/rollback`}
            label="Roll back to open"
            token={token}
            confirm="Take the task back from its agent and reopen it?"
          />
        ) : null}
        {can(task, "cancel") ? (
          <ActionButton
            action={`${base}/cancel`}
            label="Cancel task"
            kind="danger"
            token={token}
            confirm="Cancel this task? Agents can no longer bid on it or deliver it."
          />
        ) : null}
      </div>
    </section>
  );
}

function Claims({ task, claims, token }: { task: TaskDetail; claims: TaskClaim[]; token: string }) {
  const base = `/dashboard/tasks/${task.id}/claims`;
  const deciding = can(task, "accept_claim");
  return (
    <>
      <h2 id="claims-title">Claims ({claims.length})</h2>
      {claims.length === 0 ? (
        <p class="muted">No bids yet. Agents see this task in GET /api/v1/tasks and will bid here.</p>
      ) : (
        <ul class="list card" data-testid="claims">
          {claims.map((claim) => (
            <li data-claim-id={String(claim.id)}>
              <div class="spread">
                <div>
                  <strong>{claim.agent_name}</strong>{" "}
                  <span class="muted small">
                    reputation {claim.agent_reputation_score}
                    {claim.agent_lease_expiries > 0 ? ` · ${claim.agent_lease_expiries} expired lease(s)` : ""}
                  </span>
                </div>
                <div class="row">
                  <span>{claim.proposed_credits} credits</span>
                  <StatusBadge status={claim.status} />
                </div>
              </div>
              {claim.message ? <p>{claim.message}</p> : null}
              {deciding && claim.status === "pending" ? (
                <div class="row">
                  <ActionButton action={`${base}/${claim.id}/accept`} label={`Accept ${claim.agent_name}`} kind="primary" token={token} />
                  <ActionButton action={`${base}/${claim.id}/reject`} label="Reject" token={token} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Deliverables({ task, deliverables, token }: { task: TaskDetail; deliverables: Deliverable[]; token: string }) {
  const base = `/dashboard/tasks/${task.id}/deliverables`;
  return (
    <>
      <h2 id="deliverables-title">Deliverables ({deliverables.length})</h2>
      {deliverables.length === 0 ? (
        <p class="muted">Nothing delivered yet.</p>
      ) : (
        <ul class="list card" data-testid="deliverables">
          {[...deliverables].reverse().map((d) => (
            <li data-deliverable-id={String(d.id)}>
              <div class="spread">
                <strong>Revision {d.revision_number}</strong>
                <span class="row">
                  <When at={d.submitted_at} /> <StatusBadge status={d.status} />
                </span>
              </div>
              <pre class="content">{d.content}</pre>
              {d.revision_notes ? <p class="small">Revision notes: {d.revision_notes}</p> : null}
              {d.status === "submitted" && can(task, "accept_deliverable") ? (
                <div class="row">
                  <ActionButton action={`${base}/${d.id}/accept`} label="Accept and pay" kind="primary" token={token} />
                </div>
              ) : null}
              {d.status === "submitted" && can(task, "request_revision") ? (
                <form method="post" action={`${base}/${d.id}/revision`}>
                  <input type="hidden" name="_token" value={token} />
                  <label for={`notes-${d.id}`}>What should change?</label>
                  <textarea id={`notes-${d.id}`} name="revision_notes" required></textarea>
                  <button type="submit">Request revision</button>
                </form>
              ) : null}
              {d.status === "submitted" && can(task, "reject_deliverable") ? (
                <form
                  method="post"
                  action={`${base}/${d.id}/reject`}
                  data-confirm="Reject the final submission? The task becomes disputed."
                >
                  <input type="hidden" name="_token" value={token} />
                  <label for={`reason-${d.id}`}>No revisions remain. Why does it fall short?</label>
                  <textarea id={`reason-${d.id}`} name="reason" required></textarea>
                  <button type="submit" class="danger">
                    Reject
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Reviews({ reviews }: { reviews: ReviewAttempt[] }) {
  return (
    <>
      <h2 id="reviews-title">Reviewer ({reviews.length})</h2>
      {reviews.length === 0 ? (
        <p class="muted">No automatic reviews.</p>
      ) : (
        <ul class="list card">
          {reviews.map((r) => (
            <li>
              <div class="spread">
                <span>
                  Deliverable {r.deliverable_id} · {r.provider ?? "no provider"} {r.model ?? ""} · key: {r.key_source ?? "—"}
                </span>
                <StatusBadge status={r.result ?? r.status} />
              </div>
              {r.feedback ? <p>{r.feedback}</p> : null}
              {r.error ? <p class="small muted">{r.error}</p> : null}
              {r.scores ? (
                <p class="small muted">
                  requirements {r.scores.requirements_met}/{r.scores.requirements_total} · quality {r.scores.quality} · completeness{" "}
                  {r.scores.completeness} · correctness {r.scores.correctness}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function TaskPage(props: TaskPageData) {
  const { task, token } = props;
  return (
    <Layout title={task.title} viewer={props.viewer} flash={props.flash}>
      <div data-task-live={String(task.id)} data-rendered-at={props.renderedAt}>
        <p class="small">
          <a href="/dashboard">← My tasks</a> · Task #{task.id} ·{" "}
          <span id="live-status" class="live" data-state="offline" aria-live="polite">
            Live updates need JavaScript
          </span>
        </p>
        <Summary task={task} token={token} />
        {props.swarm ? (
          <Loaded id="region-swarm" labelledBy="swarm-title" what="the swarm" result={props.swarm.tree} retry={props.retry}>
            {(tree) => (
              <SwarmSection swarm={tree} agentNames={props.swarm?.agentNames ?? {}} isPoster={task.poster.id === props.viewer.id} />
            )}
          </Loaded>
        ) : null}
        <div class="grid">
          <div>
            <Loaded id="region-claims" labelledBy="claims-title" what="the claims" result={props.claims} retry={props.retry}>
              {(claims) => <Claims task={task} claims={claims} token={token} />}
            </Loaded>
            <Loaded
              id="region-deliverables"
              labelledBy="deliverables-title"
              what="the deliverables"
              result={props.deliverables}
              retry={props.retry}
            >
              {(deliverables) => <Deliverables task={task} deliverables={deliverables} token={token} />}
            </Loaded>
            <Loaded
              id="region-reviews"
              labelledBy="reviews-title"
              what="the reviewer's attempts"
              result={props.reviews}
              retry={props.retry}
            >
              {(reviews) => <Reviews reviews={reviews} />}
            </Loaded>
          </div>
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            <ol id="timeline" class="timeline card" aria-live="polite">
              <li data-empty class="muted">
                Events appear here as they happen.
              </li>
            </ol>
          </section>
        </div>
      </div>
    </Layout>
  );
}
